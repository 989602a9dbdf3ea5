using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
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
    string? SharedWith = null);

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

        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.OwnerId == userId)
            .Select(a => new { a.Id, a.Status, a.Reference, a.AnswersJson, LocalAuthority = a.LocalAuthority!.Name, a.UpdatedAt, a.SubmittedAt, a.DeletionWarningSentAt, a.Stage, SharedWith = a.SharedWithStaff!.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(r => r.SubmittedAt ?? r.UpdatedAt)
            .Select(r => new ApplicationSummary(
                r.Id, r.Status, r.Reference, TriageAnswers.FromJson(r.AnswersJson), r.LocalAuthority, r.UpdatedAt, r.SubmittedAt,
                r.Status == ApplicationStatus.Draft ? DraftRetentionJob.DeletesAt(r.UpdatedAt, r.DeletionWarningSentAt, options.Value) : null, r.Stage,
                r.Status == ApplicationStatus.Draft ? r.SharedWith : null))];
    }
}
