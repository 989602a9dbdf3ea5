using System.Security.Claims;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>An adviser takes a case on: they become its adviser, who may issue and download its documents.</summary>
public sealed class TakeCaseHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.Assign, (file, _) =>
        {
            if (file.Row.AdviserId == file.Staff.StaffId)
            {
                return Task.FromResult(CaseChangeResult.Refused("You are already this case's adviser."));
            }

            file.SetAdviser(file.Staff.StaffId);
            file.Record("adviser", file.Staff.Name + " is the case's adviser");
            return Task.FromResult(CaseChangeResult.Ok("You are now this case's adviser."));
        }, cancellationToken);
}
