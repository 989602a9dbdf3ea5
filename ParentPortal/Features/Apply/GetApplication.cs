using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Apply;

public sealed record ApplicationView(
    Guid Id,
    ApplicationStatus Status,
    string? Reference,
    TriageAnswers Answers,
    string? LocalAuthorityName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt);

/// <summary>A referral as its referrer sees it: received, when, and its reference.</summary>
public sealed record ReferralReceipt(string Reference, DateTimeOffset SubmittedAt);

public sealed class GetApplicationHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>
    /// The application if this user owns it or is helping as an adviser or manager (each staff view is
    /// audited); null otherwise, shown as "page not found".
    /// </summary>
    public async Task<ApplicationView?> HandleAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (application, staff) = await ApplicationAccess.AccessibleAsync(db, user, applicationId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        if (staff is not null)
        {
            AuditLog.Write(db, staff, "application-viewed", "application", application.Id.ToString(), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return ToView(application);
    }

    /// <summary>
    /// What a professional sees of a referral they sent, once it has gone to the family: that it was received, with its
    /// reference and date, and nothing else. Null for anything they did not send as a referral.
    /// </summary>
    public async Task<ReferralReceipt?> ReferralAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Subject() is not { } subject)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var sent = await db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.CreatedBySubject == subject && a.Status == ApplicationStatus.Submitted)
            .Select(a => new { a.Reference, a.SubmittedAt, a.AnswersJson })
            .FirstOrDefaultAsync(cancellationToken);
        return sent is { Reference: not null, SubmittedAt: not null } && TriageAnswers.FromJson(sent.AnswersJson).IsProfessional
            ? new ReferralReceipt(sent.Reference, sent.SubmittedAt.Value)
            : null;
    }

    internal static ApplicationView ToView(Application application) => new(
        application.Id,
        application.Status,
        application.Reference,
        TriageAnswers.FromJson(application.AnswersJson),
        application.LocalAuthority?.Name,
        application.CreatedAt,
        application.UpdatedAt,
        application.SubmittedAt);
}
