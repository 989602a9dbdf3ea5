using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

/// <summary>Answers carried over from the "check what help fits" questions, which need no sign-in.</summary>
public sealed record ApplicationPrefill(string? Route, string? LocalAuthority, string? DecisionLetterSent);

public enum StartOutcome
{
    Started,
    NotSignedIn,

    /// <summary>The database was locked for longer than its busy timeout: no draft was made.</summary>
    Busy,
}

public sealed record StartResult(StartOutcome Outcome, Guid? Id = null);

/// <summary>Starts a draft for the signed-in parent, keeping any carried-over answers that are valid.</summary>
public sealed class StartApplicationHandler(IDbContextFactory<PortalDbContext> contextFactory, TriageContextSource contexts, TimeProvider clock)
{
    public const string BusyMessage = "We could not start your application just now because the service is busy. Please press Start again in a moment.";

    /// <summary>For the page: says why no draft was made, and turns a database locked for too long into <see cref="StartOutcome.Busy"/>.</summary>
    /// <param name="formId">
    /// The start form's own id (a hidden field): a second post of the same form (a double click, the browser's "resend")
    /// finds the draft the first one made instead of making another.
    /// </param>
    public async Task<StartResult> StartAsync(ClaimsPrincipal user, ApplicationPrefill prefill, Guid? formId = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var id = await HandleAsync(user, prefill, formId, cancellationToken);
            return id is null ? new(StartOutcome.NotSignedIn) : new(StartOutcome.Started, id);
        }
        catch (Exception e) when (DatabaseBusy.Is(e)) // EF wraps it in a DbUpdateException on save; queries throw it as it is
        {
            return new(StartOutcome.Busy);
        }
    }

    /// <summary>The new draft's id; null when nobody is signed in. A database locked for too long throws (see <see cref="StartAsync"/>).</summary>
    public async Task<Guid?> HandleAsync(ClaimsPrincipal user, ApplicationPrefill prefill, Guid? formId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(prefill);
        var subject = user.Subject();
        if (subject is null)
        {
            return null;
        }

        if (formId is { } again && await AlreadyStartedAsync(again, subject, cancellationToken) is { } started)
        {
            return started;
        }

        var context = await contexts.GetAsync(cancellationToken);
        var answers = TriageAnswers.Empty;
        answers = Carry(answers, "route", AnswerKeys.Route, prefill.Route, context);
        answers = Carry(answers, "local-authority", AnswerKeys.LocalAuthority, prefill.LocalAuthority, context);
        if (answers.Route == AnswerKeys.Sen)
        {
            answers = Carry(answers, "sen-letter-date", AnswerKeys.SenLetterDate, prefill.DecisionLetterSent, context);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await LaReferrer.OfficerAsync(db, user, cancellationToken) is { } officer)
        {
            // An LA officer refers a family (issue 13 item 3): "who is applying" starts filled in with who they are, their job
            // title and the family's agreement still to give, and the local authority as theirs. Nothing counts as answered
            // until they press Continue on each page.
            answers = await LaReferrer.PrefillAsync(db, answers, officer, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var ownerId = await EnsureUserAsync(db, user, subject, now, cancellationToken);
        var owner = await db.Users.FindAsync([ownerId], cancellationToken);
        var application = new Application
        {
            Id = Guid.NewGuid(),
            OwnerId = ownerId,
            Status = ApplicationStatus.Draft,
            AnswersJson = answers.ToJson(),
            Route = answers.Route,
            LocalAuthorityId = await LocalAuthorityIdAsync(db, answers, cancellationToken),
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBySubject = subject,
            Language = Platform.Localisation.PortalLanguages.Current.Code,
            SearchText = ApplicationSearchText.For(answers, owner?.DisplayName, owner?.Email, null),
        };
        if (formId is { } wanted && wanted != Guid.Empty && !await db.Applications.AnyAsync(a => a.Id == wanted, cancellationToken))
        {
            application.Id = wanted;
        }

        db.Applications.Add(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (formId is { } raced && application.Id == raced)
        {
            // The same form posted twice at once: the other post made the draft.
            return await AlreadyStartedAsync(raced, subject, cancellationToken) ?? throw new InvalidOperationException("A draft could not be started.");
        }

        return application.Id;
    }

    /// <summary>The draft this person's start form already made, if it did (someone else's id is never returned).</summary>
    private async Task<Guid?> AlreadyStartedAsync(Guid formId, string subject, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Applications.AnyAsync(a => a.Id == formId && a.CreatedBySubject == subject, cancellationToken) ? formId : null;
    }

    internal static async Task<int?> LocalAuthorityIdAsync(PortalDbContext db, TriageAnswers answers, CancellationToken cancellationToken)
    {
        var code = answers[AnswerKeys.LocalAuthority];
        return code is null || code == AnswerKeys.OutsideArea
            ? null
            : await db.LocalAuthorities.Where(l => l.Code == code).Select(l => (int?)l.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static TriageAnswers Carry(TriageAnswers answers, string stepKey, string fieldKey, string? value, TriageContext context)
    {
        var step = TriageQuestions.Find(stepKey)!;
        if (string.IsNullOrWhiteSpace(value) || step.Fields.Count != 1)
        {
            return answers;
        }

        var result = StepValidator.Validate(step, new Dictionary<string, string?> { [fieldKey] = value }, answers, context);
        return result.IsValid ? answers.WithStep(stepKey, result.Values) : answers;
    }

    private static async Task<Guid> EnsureUserAsync(PortalDbContext db, ClaimsPrincipal user, string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = await db.Users.Where(u => u.Subject == subject).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is { } existing)
        {
            return existing;
        }

        // Normally recorded at sign-in; this covers a session that began before that record existed.
        var created = new PortalUser { Id = Guid.NewGuid(), Subject = subject, DisplayName = user.FindFirst("name")?.Value, FirstSignedInAt = now, LastSignedInAt = now };
        db.Users.Add(created);
        return created.Id;
    }
}
