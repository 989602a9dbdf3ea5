using System.Security.Claims;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>
/// The family's decision about mediation, taken over the phone: the local authority is then to be told (its 30 days start
/// when it is), or the 3 working days for the certificate start. Recorded once, by the family or an adviser; a change of
/// mind is <see cref="ChangeDecisionHandler"/>.
/// </summary>
public sealed class RecordDecisionHandler(CaseFiles cases, LocalAuthorityNotices notices)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, SessionChoice choice, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.RecordDecision, async (file, _) =>
        {
            if (!Enum.IsDefined(choice))
            {
                return CaseChangeResult.Refused("Select the family's decision", "decision");
            }

            if (file.Row.MediationChoice is not null)
            {
                return CaseChangeResult.Refused("The family's decision is already recorded. If they have changed their mind, change it below and say why.", "decision");
            }

            file.RecordChoice(choice);
            file.Record("decision-recorded", choice == SessionChoice.TryMediation ? "Wants to try mediation" : "Only needs the certificate");
            var told = choice == SessionChoice.TryMediation ? await notices.MediationChosenAsync(file, cancellationToken) : null;
            return CaseChangeResult.Ok(choice == SessionChoice.TryMediation
                ? told is null ? "Recorded. Now tell the local authority and record the day you did: its 30 days to arrange mediation start then." : "Recorded. " + LocalAuthorityNotices.Told(told)
                : "Recorded. The certificate is due within 3 working days.");
        }, cancellationToken);
}
