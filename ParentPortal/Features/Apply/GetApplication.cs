using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;

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
