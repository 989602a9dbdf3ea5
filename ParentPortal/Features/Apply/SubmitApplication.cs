using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Security;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

public enum SubmitOutcome
{
    Submitted,
    NotFound,
    Incomplete,
    TooManySubmissions,

    /// <summary>The database was locked for longer than its busy timeout: nothing was sent; the draft is as it was.</summary>
    Busy,
}

/// <param name="Reference">The application's reference: the same one however many times it is submitted.</param>
/// <param name="FirstIncompleteStep">Where to send the parent when something is still unanswered.</param>
public sealed record SubmitResult(SubmitOutcome Outcome, string? Reference = null, string? FirstIncompleteStep = null);

/// <summary>
/// Sends the application. Idempotent: a double click, a replayed event or a second tab all get the
/// one reference, because the draft row itself becomes the application under a concurrency check.
/// </summary>
public sealed class SubmitApplicationHandler(
    IDbContextFactory<PortalDbContext> contextFactory,
    TriageContextSource contexts,
    ApplicationMessages messages,
    ServiceDirectory services,
    CaseFiles cases,
    LocalAuthorityNotices notices,
    TimeProvider clock,
    UserRateLimiter limiter)
{
    public const string TooManySubmissionsMessage = "You have sent a lot of applications in a short time. Please wait a minute and try again.";

    public const string BusyMessage = "We could not send your application just now because the service is busy. Your answers are saved. Please press Accept and send again in a moment.";

    private const int Attempts = 5;

    public async Task<SubmitResult> HandleAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        try
        {
            return await SubmitAsync(user, applicationId, cancellationToken);
        }
        catch (Exception e) when (DatabaseBusy.Is(e)) // EF wraps it in a DbUpdateException on save; queries throw it as it is
        {
            return new(SubmitOutcome.Busy);
        }
    }

    private async Task<SubmitResult> SubmitAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken)
    {
        var context = await contexts.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var (application, staff) = await ApplicationAccess.AccessibleAsync(db, user, applicationId, cancellationToken);
            if (application is null)
            {
                return new(SubmitOutcome.NotFound);
            }

            if (application.Status == ApplicationStatus.Submitted)
            {
                return new(SubmitOutcome.Submitted, application.Reference);
            }

            var answers = TriageAnswers.FromJson(application.AnswersJson);
            if (!TriageFlow.IsComplete(answers, context))
            {
                var first = TriageFlow.StoppedAt(answers) ?? TriageFlow.FirstIncomplete(answers, context);
                return new(SubmitOutcome.Incomplete, FirstIncompleteStep: first?.Key);
            }

            // Counted only now, when a draft is really about to be sent: a repeat of one already sent just gets its reference.
            if (!limiter.TryAcquire(user, LimitedAction.Submission, applicationId.ToString()))
            {
                return new(SubmitOutcome.TooManySubmissions);
            }

            var now = clock.GetUtcNow();
            var pruned = TriageFlow.Prune(answers);
            application.AnswersJson = pruned.ToJson();
            application.Status = ApplicationStatus.Submitted;
            application.SubmittedAt = now;
            application.UpdatedAt = now;
            application.Reference = ApplicationReference.New();
            application.Version++;
            var owner = await db.Users.AsNoTracking().Where(u => u.Id == application.OwnerId).Select(u => new { u.DisplayName, u.Email }).FirstAsync(cancellationToken);
            application.SearchText = ApplicationSearchText.For(pruned, owner.DisplayName, owner.Email, application.Reference);
            if (staff is not null)
            {
                AuditLog.Write(db, staff, "application-submitted-for-family", "application", application.Id.ToString(), now);
            }

            var file = cases.Open(db, application, staff is null ? CaseActor.Family(user.Subject()!, owner.DisplayName) : CaseActor.Of(staff));
            file.RecordSubmitted();
            if (application.MediationChoice == SessionChoice.TryMediation)
            {
                // Chosen at an information session before sending: the local authority is told now the case exists.
                await notices.MediationChosenAsync(file, cancellationToken);
            }

            // The parent asked to be put in touch with the advocacy service: their answer is their consent, so it is done now.
            await file.ReferToAdvocacyAsync((await services.GetAsync(cancellationToken)).Advocacy, cancellationToken);

            var profile = CaseProfile.From(pruned);
            if (profile.IsReferral && staff is null)
            {
                // A professional's referral is the family's application: it moves out of the referrer's account to wait for the
                // family, who are sent the code to take it over at their own address. The referrer is told only that it arrived.
                var family = FamilyContact.Of(profile, null, null);
                var waiting = new PortalUser
                {
                    Id = Guid.NewGuid(), Subject = PhoneApplicationOwner.Prefix + Guid.NewGuid().ToString("N"),
                    DisplayName = family.Name, Email = family.Email, FirstSignedInAt = now, LastSignedInAt = now,
                };
                db.Users.Add(waiting);
                application.OwnerId = waiting.Id;
                var service = await services.GetAsync(cancellationToken);
                await FamilyInvitations.IssueAsync(db, application, family, FamilyInvitations.Why(profile, service.Name, application.Reference), user.Subject()!, now, cancellationToken);
                await messages.EnqueueReferralReceivedAsync(db, application, owner.Email, profile.ReferrerName, now, cancellationToken);
            }
            else
            {
                await messages.EnqueueSubmittedAsync(db, application, pruned, now, cancellationToken);
            }

            await messages.EnqueueNewInQueueAsync(db, application, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new(SubmitOutcome.Submitted, application.Reference);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another tab or click got there first: the next read returns its reference.
            }
            catch (DbUpdateException e) when (attempt < Attempts && !DatabaseBusy.Is(e))
            {
                // The rare reference collision (unique index): try again with a new one.
            }
        }
    }
}
