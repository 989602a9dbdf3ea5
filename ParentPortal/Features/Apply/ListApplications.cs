using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

public sealed record ApplicationSummary(
    Guid Id,
    ApplicationStatus Status,
    string? Reference,
    TriageAnswers Answers,
    string? LocalAuthorityName,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DeletesAt,
    Domain.Cases.CaseStage Stage = Domain.Cases.CaseStage.New,
    CaseFacts? Facts = null,
    SessionChoice? Decision = null,
    SessionChoice? RequestedDecision = null,
    string? SharedWith = null,
    Domain.Privacy.SharingConsent? Sharing = null);

/// <summary>"Your applications": the signed-in parent's own drafts and applications, newest first.</summary>
public sealed class ListApplicationsHandler(IDbContextFactory<PortalDbContext> contextFactory, IOptions<ApplicationOptions> options)
{
    public async Task<IReadOnlyList<ApplicationSummary>> HandleAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var userId = await ApplicationAccess.UserIdAsync(db, user, cancellationToken);
        if (userId is null)
        {
            return [];
        }

        var rows = await db.Applications.AsNoTracking().Include(a => a.LocalAuthority)
            .Where(a => a.OwnerId == userId)
            .Include(a => a.SharedWithStaff)
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(r => r.SubmittedAt ?? r.UpdatedAt)
            .Select(r =>
            {
                var answers = TriageAnswers.FromJson(r.AnswersJson);
                var sent = r.Status == ApplicationStatus.Submitted;
                return new ApplicationSummary(
                    r.Id, r.Status, r.Reference, answers, r.LocalAuthority?.Name, r.UpdatedAt, r.SubmittedAt,
                    sent ? null : DraftRetentionJob.DeletesAt(r.UpdatedAt, r.DeletionWarningSentAt, options.Value), r.Stage,
                    sent ? CaseFactsBuilder.For(r, CaseProfile.From(answers), meeting: null) : null,
                    r.MediationChoice, r.RequestedChoice,
                    sent ? null : r.SharedWithStaff?.DisplayName,
                    sent ? CaseFile.SharingOf(r) : null);
            })];
    }
}
