using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;

namespace ParentPortal.Platform.Cases;

/// <summary>Reading a case's meetings without loading its <see cref="CaseFile"/>.</summary>
public static class CaseMeetingQueries
{
    /// <summary>
    /// The case's main meeting (the joint mediation or the facilitated meeting; a route has only one of the two kinds), the
    /// latest not cancelled: as <see cref="CaseFile.MainMeeting"/>, in the database.
    /// </summary>
    public static IQueryable<CaseMeeting> MainOf(this IQueryable<CaseMeeting> meetings, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        return meetings.Where(m => m.ApplicationId == caseId && m.CancelledAt == null && (m.Kind == MeetingKind.Joint || m.Kind == MeetingKind.Facilitated))
            .OrderByDescending(m => m.StartsAt);
    }
}
