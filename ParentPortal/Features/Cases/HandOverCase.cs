using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Cases;

/// <summary>
/// The case's adviser (or a manager) hands it to another adviser, or back to the shared queue with nobody as its adviser:
/// for leave, sickness or a change of workload, since another adviser cannot open a case that is not theirs.
/// </summary>
public sealed class HandOverCaseHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, int? adviserId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.HandOver, async (file, db) =>
        {
            if (adviserId == file.Row.AdviserId)
            {
                return CaseChangeResult.Refused(adviserId is null ? "The case is already in the shared queue." : "They are already this case's adviser.", "adviser");
            }

            string? name = null;
            if (adviserId is { } id)
            {
                name = await db.StaffMembers.Where(s => s.Id == id && s.IsActive && s.Roles.Any(r => r.Role == PortalRoles.Adviser || r.Role == PortalRoles.Manager))
                    .Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
                if (name is null)
                {
                    return CaseChangeResult.Refused("Select an adviser from the list", "adviser");
                }
            }

            file.SetAdviser(adviserId);
            file.Record("adviser", name is null ? "Returned to the shared queue by " + file.Actor.Name : $"Handed to {name} by {file.Actor.Name}");
            return CaseChangeResult.Ok(name is null ? "The case is back in the shared queue for any adviser to take." : $"{name} is now the case's adviser.");
        }, cancellationToken);
}
