using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>Files the case with one of its local authority's areas ("quadrants"), or none: the area's team then picks it up.</summary>
public sealed class FileWithAreaHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, int? areaId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.Assign, async (file, db) =>
        {
            string? name = null;
            if (areaId is { } id)
            {
                var laId = file.Row.LocalAuthorityId;
                name = await db.Areas.Where(a => a.Id == id && a.IsActive && a.LocalAuthorityId == laId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
                if (name is null)
                {
                    return CaseChangeResult.Refused("Select one of the local authority's areas", "area");
                }
            }

            file.FileWithArea(areaId);
            file.Record("area", name is null ? "No area" : "Area: " + name);
            return CaseChangeResult.Ok(name is null ? "The case is not filed with an area now." : $"Filed with {name}.");
        }, cancellationToken);
}
