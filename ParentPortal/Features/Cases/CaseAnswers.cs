using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Cases;

public sealed record CaseAnswersView(Guid Id, string Reference, DateTimeOffset SubmittedAt, TriageAnswers Answers);

/// <summary>Everything a family (or an adviser on the phone) entered, as sent, for staff who may see all of it (<see cref="CaseAccess.ViewFor"/>); each view is audited.</summary>
public sealed class CaseAnswersQuery(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public async Task<CaseAnswersView?> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var row = staff is null ? null : await db.Applications.AsNoTracking().VisibleTo(staff)
            .FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        // Everything the family sent is for the service's staff on the case, and for the local authority only when the family
        // agreed to share everything: anyone else gets "not found", as for a case they cannot see.
        if (row is null || CaseAccess.ViewFor(staff!, row) != PartyView.Everything)
        {
            return null;
        }

        AuditLog.Write(db, staff!, "case-viewed", "application", caseId.ToString(), clock.GetUtcNow(), "answers");
        await db.SaveChangesAsync(cancellationToken);
        return new CaseAnswersView(caseId, row.Reference ?? "", row.SubmittedAt ?? row.CreatedAt, TriageAnswers.FromJson(row.AnswersJson));
    }
}
