using System.Linq.Expressions;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;

namespace ParentPortal.Platform.Cases;

/// <summary>Reading a case's meetings without loading its <see cref="CaseFile"/>.</summary>
public static class CaseMeetingQueries
{
    /// <summary>
    /// A main meeting (the joint mediation or the facilitated meeting; a route has only one of the two kinds) that is not
    /// cancelled: as <see cref="CaseFile.MainMeeting"/> picks it, in the database. An expression, so that a projection
    /// (the case queue's) can use it inside its own query too.
    /// </summary>
    public static readonly Expression<Func<CaseMeeting, bool>> IsMain =
        m => m.CancelledAt == null && (m.Kind == MeetingKind.Joint || m.Kind == MeetingKind.Facilitated);

    /// <summary>The case's main meeting, the latest first.</summary>
    public static IQueryable<CaseMeeting> MainOf(this IQueryable<CaseMeeting> meetings, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        return meetings.Where(m => m.ApplicationId == caseId).Where(IsMain).OrderByDescending(m => m.StartsAt);
    }
}
