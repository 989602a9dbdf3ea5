using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Platform.Cases;

/// <summary>
/// Tells the local authority when a family chooses mediation, whoever records the choice (the family after a session, an
/// adviser on the phone, a change of mind, a choice made before sending): see <see cref="CaseFile.TellLocalAuthorityAsync"/>.
/// </summary>
public sealed class LocalAuthorityNotices(WorkingDayCalendarSource calendars, PublicAddress address)
{
    public async Task<LocalAuthorityNotice?> MediationChosenAsync(CaseFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return await file.TellLocalAuthorityAsync(await calendars.CalculatorAsync(cancellationToken), address.For($"advisers/cases/{file.Id}"), cancellationToken);
    }

    /// <summary>What the person who recorded the choice is told happened.</summary>
    public static string Told(LocalAuthorityNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return $"The local authority has been e-mailed today{(notice.HealthContactTold ? ", and so has the health contact" : "")}: it has until {UkDates.LongDate(notice.MediationBy.Date)} to arrange the mediation.";
    }
}
