using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

/// <summary>What the family agreed about contacting and sharing, on their sent application, and what that lets the local authority see.</summary>
/// <param name="LawRequiresTellingLa">They are pursuing mediation about a decision they can appeal: the local authority is told whatever they choose.</param>
public sealed record FamilySharing(Guid Id, string Reference, string Route, SharingConsent Consent, DateTimeOffset? ChangedAt, bool LawRequiresTellingLa, PartyView LocalAuthoritySees);

public sealed record ChangeSharingResult(bool Succeeded, IReadOnlyList<FieldError> Errors, FamilySharing? Sharing, string? Message = null);

/// <summary>
/// The family sees, and changes, what they agreed on the application's "Can we contact the school or local authority?"
/// page, at any time after sending it. A change (a withdrawal most of all) takes effect at once for everything not yet
/// shared, and is written to the case's history and the audit log. The same checks as the question page apply.
/// </summary>
public sealed class ChangeSharingHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, TriageContextSource contexts)
{
    public const string ConsentStep = "consent";

    public async Task<FamilySharing?> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await SentAsync(db, user, applicationId, cancellationToken);
        return row is null ? null : ViewOf(row);
    }

    /// <param name="contact">The boxes ticked: "school", "local-authority", or "none".</param>
    /// <param name="share">"everything", "summary" or "ask-first"; empty when nobody may be contacted.</param>
    public async Task<ChangeSharingResult> ChangeAsync(ClaimsPrincipal user, Guid applicationId, IReadOnlyCollection<string>? contact, string? share, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await SentAsync(db, user, applicationId, cancellationToken);
        if (row is null)
        {
            return new(false, [new FieldError("", "We could not find that application.")], null);
        }

        // "Do not contact anyone" on its own: what to share no longer applies. Without a script a chosen radio cannot be
        // cleared, so the form's earlier choice is dropped here rather than refused.
        if (contact is { Count: 1 } && contact.Contains("none"))
        {
            share = null;
        }

        var posted = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [AnswerKeys.ConsentContact] = contact is null || contact.Count == 0 ? null : string.Join(',', contact),
            [AnswerKeys.ConsentShare] = share,
        };
        var answers = TriageAnswers.FromJson(row.AnswersJson);
        var checkedValues = StepValidator.Validate(TriageQuestions.Find(ConsentStep)!, posted, answers, await contexts.GetAsync(cancellationToken));
        if (!checkedValues.IsValid)
        {
            return new(false, checkedValues.Errors, ViewOf(row));
        }

        var consent = SharingConsent.From(answers.WithStep(ConsentStep, checkedValues.Values));
        var before = CaseFile.SharingOf(row);
        if (consent with { AskFirstAgreed = before.AskFirstAgreed } == before)
        {
            return new(true, [], ViewOf(row), "Nothing changed: this is what you had already agreed.");
        }

        var owner = await db.Users.AsNoTracking().Where(u => u.Id == row.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var file = cases.Open(db, row, CaseActor.Family(user.Subject()!, owner));
        file.ChangeSharing(consent);
        file.Record("sharing-changed", "The family changed what we may share: " + consent.Describe());
        if (!await file.SaveAsync(cancellationToken))
        {
            return new(false, [new FieldError("", "Something changed on your case at the same moment. Please try again.")], await GetAsync(user, applicationId, cancellationToken));
        }

        return new(true, [], ViewOf(row), Withdrawn(before, consent)
            ? "Saved. From now on we will not share anything more than you have agreed. What was shared before cannot be taken back, but nothing new will be."
            : "Saved. We will follow what you have agreed from now on.");
    }

    /// <summary>Less than before: someone no longer to be contacted, or less to be shared with them.</summary>
    private static bool Withdrawn(SharingConsent before, SharingConsent after) =>
        (before.ContactSchool && !after.ContactSchool) || (before.ContactLocalAuthority && !after.ContactLocalAuthority)
        || after.ForLocalAuthority(lawRequiresTelling: false) < before.ForLocalAuthority(lawRequiresTelling: false)
        || (before.Share == ShareChoice.Everything && after.Share != ShareChoice.Everything);

    private static async Task<Application?> SentAsync(PortalDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken) =>
        await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken) is { Status: ApplicationStatus.Submitted } row ? row : null;

    private static FamilySharing ViewOf(Application row)
    {
        var profile = CaseProfile.From(TriageAnswers.FromJson(row.AnswersJson));
        return new(row.Id, row.Reference ?? "", row.Route ?? "", CaseFile.SharingOf(row), row.ConsentChangedAt,
            CaseFile.LawRequiresTellingLocalAuthority(row, profile), row.LocalAuthorityView);
    }
}
