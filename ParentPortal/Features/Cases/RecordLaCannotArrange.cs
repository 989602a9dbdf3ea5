using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>The local authority says it cannot arrange mediation in time: a certificate is due within 3 working days.</summary>
public sealed class RecordLaCannotArrangeHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.RecordDecision, (file, _) =>
        {
            if (file.Stage != CaseStage.MediationBeingArranged)
            {
                return Task.FromResult(CaseChangeResult.Refused("This applies only while mediation is being arranged."));
            }

            file.LocalAuthorityCannotArrange();
            file.Record("la-cannot-arrange", "The local authority cannot arrange mediation in time");
            return Task.FromResult(CaseChangeResult.Ok("Recorded. The certificate is due within 3 working days."));
        }, cancellationToken);
}
