using System.Security.Claims;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>The family asked to change their decision about mediation; their adviser talked it through and it stays as it is.</summary>
public sealed class KeepDecisionHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, string? reason, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.RecordDecision, (file, _) =>
        {
            if (file.Row.RequestedChoice is null)
            {
                return Task.FromResult(CaseChangeResult.Refused("The family has not asked to change their decision", "decision"));
            }

            var errors = new List<FieldError>();
            var why = ChangeDecisionHandler.Reason.Read(reason, errors, required: true);
            if (errors.Count > 0)
            {
                return Task.FromResult(new CaseChangeResult(false, errors));
            }

            file.KeepChoice();
            file.Record("decision-kept", why);
            return Task.FromResult(CaseChangeResult.Ok("The decision stays as it was. The family's request is answered."));
        }, cancellationToken);
}
