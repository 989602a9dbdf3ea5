using System.Security.Claims;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>
/// The family changed their mind about mediation (on the phone, or by asking in the portal) and their adviser records it, with
/// why: the decision stays one decision and only its clock runs (<see cref="CaseFile.ChangeChoice"/>).
/// </summary>
public sealed class ChangeDecisionHandler(CaseFiles cases, LocalAuthorityNotices notices)
{
    public static readonly TextField Reason = new("decision-reason", "Why the decision changed", 1000, Lines: true, "Enter why the family's decision changed");

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, SessionChoice to, string? reason, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.RecordDecision, async (file, _) =>
        {
            if (!Enum.IsDefined(to))
            {
                return CaseChangeResult.Refused("Select the family's new decision", "decision");
            }

            if (file.WhyTheChoiceCannotChange(to) is { } refusal)
            {
                return CaseChangeResult.Refused(refusal, "decision");
            }

            var errors = new List<FieldError>();
            var why = Reason.Read(reason, errors, required: true);
            if (errors.Count > 0)
            {
                return new CaseChangeResult(false, errors);
            }

            file.ChangeChoice(to);
            file.Record("decision-changed", (to == SessionChoice.TryMediation ? "Now wants to try mediation: " : "Now only needs the certificate: ") + why);
            var told = to == SessionChoice.TryMediation ? await notices.MediationChosenAsync(file, cancellationToken) : null;
            return CaseChangeResult.Ok(to == SessionChoice.TryMediation
                ? told is null ? "Changed. Tell the local authority and record the day you did: its 30 days to arrange mediation start then." : "Changed. " + LocalAuthorityNotices.Told(told)
                : file.Row.CertificateIssuedOn is null ? "Changed. The certificate is due within 3 working days." : "Changed. The family already has their certificate.");
        }, cancellationToken);
}
