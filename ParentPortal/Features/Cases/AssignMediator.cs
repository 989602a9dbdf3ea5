using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Cases;

/// <summary>An adviser or manager assigns the case's mediator or facilitator (or nobody), who may then see and work on it.</summary>
public sealed class AssignMediatorHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, int? staffId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.Assign, async (file, db) =>
        {
            string? name = null;
            if (staffId is { } id)
            {
                name = await db.StaffMembers.Where(s => s.Id == id && s.IsActive && s.Roles.Any(r => r.Role == PortalRoles.Mediator))
                    .Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
                if (name is null)
                {
                    return CaseChangeResult.Refused("Select a mediator or facilitator from the list", "assignee");
                }
            }

            file.AssignMediator(staffId);
            file.Record("assigned", name is null ? "Unassigned" : "Assigned to " + name);
            return CaseChangeResult.Ok(name is null ? "Nobody is assigned now." : $"Assigned to {name}.");
        }, cancellationToken);
}
