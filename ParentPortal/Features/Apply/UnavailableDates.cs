using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Apply;

public sealed record UnavailableDatesView(Guid Id, string Reference, IReadOnlyList<DateOnly> Dates, DateOnly Today);

public sealed record UnavailableDatesResult(bool Succeeded, ParentPortal.Domain.Text.Wording? Error = null);

/// <summary>
/// Issue 14 item 2: at any time while their case is open, the family tell us the days in the next 3 months they cannot
/// attend a meeting (as HMCTS's civil mediation asks). Staff cannot arrange a meeting the family attends on one of them
/// (<see cref="Features.Cases.ScheduleMeetingHandler"/>); each change is on the case's history. Only the family may change them.
/// </summary>
public sealed class UnavailableDatesHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, TimeProvider clock)
{
    public async Task<UnavailableDatesView?> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var application = await OpenAsync(db, user, applicationId, cancellationToken);
        var today = UkDates.DateIn(clock.GetUtcNow());
        return application is null ? null : new(application.Id, application.Reference!, Unavailability.Read(application.UnavailableDates, today), today);
    }

    /// <returns>Null when it is not this family's open case (the page answers 404).</returns>
    public Task<UnavailableDatesResult?> AddAsync(ClaimsPrincipal user, Guid applicationId, DateOnly? day, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, applicationId, (dates, today) => Unavailability.WhyNot(day, today, dates) is { } why ? (null, why) : ([.. dates, day!.Value], null), $"added {Describe(day)}", cancellationToken);

    public Task<UnavailableDatesResult?> RemoveAsync(ClaimsPrincipal user, Guid applicationId, DateOnly day, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, applicationId, (dates, _) => ([.. dates.Where(d => d != day)], null), $"removed {Describe(day)}", cancellationToken);

    private async Task<UnavailableDatesResult?> ChangeAsync(ClaimsPrincipal user, Guid applicationId, Func<IReadOnlyList<DateOnly>, DateOnly, (IReadOnlyList<DateOnly>? Dates, ParentPortal.Domain.Text.Wording? Error)> change, string note, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForFamilyAsync(db, user, applicationId, cancellationToken);
        if (file is null || file.Stage == CaseStage.Closed)
        {
            return null;
        }

        var (dates, error) = change(Unavailability.Read(file.Row.UnavailableDates, file.Today), file.Today);
        if (error is not null)
        {
            return new(false, error);
        }

        file.Row.UnavailableDates = Unavailability.Write(dates!);
        file.Record("unavailable-dates-changed", note);
        return await file.SaveAsync(cancellationToken) ? new(true) : new(false, "Someone changed your case at the same moment. Please try again.");
    }

    private static async Task<Application?> OpenAsync(PortalDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken) =>
        await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken) is { Status: ApplicationStatus.Submitted, Reference: not null } application && application.Stage != CaseStage.Closed
            ? application
            : null;

    private static string Describe(DateOnly? day) => day is { } d ? UkDates.LongDate(d) : "";
}
