using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Appeals;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Eligibility;
using ParentPortal.Features.Documents.Composers;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Documents;

/// <param name="Summary">The facts the appeal form asks for that the portal knows.</param>
/// <param name="DaysLeft">Days from today to the deadline (0 today, negative once passed).</param>
/// <param name="MayRemind">Reminders can still be sent: there is an e-mail address and a reminder day still ahead.</param>
public sealed record AppealView(
    Guid Id,
    string Reference,
    AppealSummary Summary,
    int DaysLeft,
    bool RemindersWanted,
    bool MayRemind,
    bool HasEmail,
    AppealStatus? Status,
    DateOnly? AppealedOn,
    DateOnly Today);

public sealed record AppealChange(bool Succeeded, string? Error = null, string? Field = null);

/// <summary>
/// Issue 14 item 4: for the family of an SEN case with a decision the tribunal hears, the appeal deadline (the case's own
/// clock), how to appeal, reminders 14 and 3 days before it (opt-in), a summary of what the SEND35 form asks for (PDF and
/// JSON) and what became of the appeal. Anyone else gets null (the page answers 404).
/// </summary>
public sealed class AppealSupportHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, TriageContextSource contexts, ServiceDirectory services, DocumentPdfs pdfs, TimeProvider clock)
{
    public static readonly IReadOnlyList<(AppealStatus Status, string Label)> Statuses =
    [
        (AppealStatus.NotAppealing, "We decided not to appeal"),
        (AppealStatus.Appealed, "We have appealed, and are waiting"),
        (AppealStatus.ResolvedBeforeHearing, "It was sorted out before a hearing (the local authority agreed, or we settled)"),
        (AppealStatus.Withdrawn, "We withdrew the appeal"),
        (AppealStatus.Upheld, "The tribunal decided for us"),
        (AppealStatus.PartlyUpheld, "The tribunal decided for us on some points"),
        (AppealStatus.Dismissed, "The tribunal decided for the local authority"),
    ];

    public static string Label(AppealStatus status) => Statuses.First(s => s.Status == status).Label;

    public async Task<AppealView?> GetAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await OpenAsync(db, user, caseId, cancellationToken) is not { } opened)
        {
            return null;
        }

        var (file, summary) = opened;
        var lastReminder = UkDates.FromLocal(summary.Deadline.Date.AddDays(-CaseFile.AppealReminderDays[^1]), new TimeOnly(9, 0));
        var hasEmail = summary.AppellantEmail is not null;
        return new AppealView(
            file.Row.Id,
            file.Row.Reference!,
            summary,
            summary.Deadline.Date.DayNumber - file.Today.DayNumber,
            file.Row.AppealRemindersWanted,
            hasEmail && lastReminder > file.Now,
            hasEmail,
            file.Row.AppealStatus,
            file.Row.AppealedOn,
            file.Today);
    }

    public async Task<AppealChange?> SetRemindersAsync(ClaimsPrincipal user, Guid caseId, bool wanted, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await OpenAsync(db, user, caseId, cancellationToken) is not { } opened)
        {
            return null;
        }

        var (file, summary) = opened;
        var outcome = await file.SetAppealRemindersAsync(wanted, summary.Deadline, await services.GetAsync(cancellationToken), cancellationToken);
        if (outcome == AppealRemindersOutcome.NoEmail)
        {
            return new(false, "We do not have an e-mail address for you, so we cannot send reminders. Call the helpline to give us one.", "reminders");
        }

        if (outcome == AppealRemindersOutcome.TooLate)
        {
            return new(false, "Your deadline is less than 3 days away, so there is no reminder left to send. Send your appeal as soon as you can.", "reminders");
        }

        return await file.SaveAsync(cancellationToken) ? new(true) : new(false, "Someone changed your case at the same moment. Please try again.");
    }

    /// <param name="status">Null clears what they told us.</param>
    /// <param name="appealedOn">The day they sent the appeal, optional; ignored when they did not appeal.</param>
    public async Task<AppealChange?> RecordAsync(ClaimsPrincipal user, Guid caseId, AppealStatus? status, DateOnly? appealedOn, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await OpenAsync(db, user, caseId, cancellationToken) is not { } opened)
        {
            return null;
        }

        var (file, summary) = opened;
        if (appealedOn is { } day && status is not null and not AppealStatus.NotAppealing)
        {
            if (day > file.Today)
            {
                return new(false, "The date you appealed must be today or in the past", "appealed-on");
            }

            if (day < summary.DecisionLetterSent)
            {
                return new(false, "The date you appealed must be after the date of the decision letter", "appealed-on");
            }
        }

        await file.RecordAppealAsync(status, appealedOn, cancellationToken);
        return await file.SaveAsync(cancellationToken) ? new(true) : new(false, "Someone changed your case at the same moment. Please try again.");
    }

    /// <summary>The summary as a PDF for the family to keep beside the form; null for anyone else.</summary>
    public async Task<(byte[] Pdf, string FileName)?> SummaryPdfAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(user, caseId, cancellationToken);
        return view is null ? null : (pdfs.AppealSummary(view.Summary, (await services.GetAsync(cancellationToken)).Name, clock.GetUtcNow()), $"appeal-summary-{view.Reference}.pdf");
    }

    /// <summary>The summary shaped like the SEND35 form's data (see docs/schemas); null for anyone else.</summary>
    public async Task<(string Json, string FileName)?> SummaryJsonAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(user, caseId, cancellationToken);
        return view is null ? null : (view.Summary.ToSend35JsonText(), $"appeal-summary-{view.Reference}.json");
    }

    /// <summary>The family's own SEN case with an appeal deadline, and what the form needs from it; null otherwise.</summary>
    private async Task<(CaseFile File, AppealSummary Summary)?> OpenAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        var file = await cases.OpenForFamilyAsync(db, user, caseId, cancellationToken);
        var profile = file?.Profile;
        if (file is null || profile is not { SenDecision: { } decision and not SenDecision.SomethingElse, DecisionLetterSent: { } letter } || file.Row.Reference is null)
        {
            return null;
        }

        var calculator = await contexts.CalculatorAsync(cancellationToken);
        if (await file.AppealDeadlineAsync(calculator, cancellationToken) is not { } deadline)
        {
            return null;
        }

        var answers = Domain.Triage.TriageAnswers.FromJson(file.Row.AnswersJson);
        var family = await CaseParties.FamilyOfAsync(db, file.Row, profile, cancellationToken);
        var authority = await db.LocalAuthorities.AsNoTracking().Where(l => l.Id == file.Row.LocalAuthorityId).Select(l => l.Name).FirstOrDefaultAsync(cancellationToken);
        // The newest certificate not withdrawn (ordered in memory: SQLite cannot order by a DateTimeOffset).
        var live = (await db.CaseDocuments.AsNoTracking()
            .Where(d => d.ApplicationId == file.Row.Id && d.Kind == DocumentKind.Certificate && d.RevokedAt == null)
            .Select(d => new { d.Number, d.IssuedAt })
            .ToListAsync(cancellationToken)).MaxBy(c => c.IssuedAt);
        var summary = new AppealSummary(
            file.Row.Reference,
            decision,
            answers.DisputedParts,
            profile.IsYoungPerson,
            family.Name ?? "",
            family.Email,
            family.Phone,
            profile.ChildFirstName,
            profile.ChildLastName,
            profile.ChildDateOfBirth,
            profile.ChildSchool,
            authority ?? "",
            letter,
            live?.Number,
            live is null ? null : UkDates.DateIn(live.IssuedAt),
            deadline,
            profile.Language,
            profile.NeedsInterpreter,
            profile.HasAccessNeeds ? profile.AccessNeedsDetails : null,
            file.Today);
        return (file, summary);
    }
}
