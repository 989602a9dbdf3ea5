using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Staff record the day they told the health contact (the integrated care board) of the health or social care issues in a
/// mediation, when the portal could not e-mail it: the 3 working days run from the day the local authority was told.
/// </summary>
public sealed class RecordHealthToldHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, DateOnly? on, NoticeMethod? how, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.RecordDecision, (file, _) =>
        {
            if (file.Row.LaToldOfMediationOn is not { } laTold || !file.Profile.HealthOrSocialCareIssues)
            {
                return Task.FromResult(CaseChangeResult.Refused("The health contact is told once the local authority has been told, and only when the disagreement includes health or social care."));
            }

            var (notice, errors) = NoticeGiven.Read(on, how, file.Today, laTold, "the health contact", "the local authority was told", "health-told-");
            if (notice is null)
            {
                return Task.FromResult(new CaseChangeResult(false, errors));
            }

            file.HealthBodiesTold(notice);
            file.Record("health-told", $"The health contact was told {notice.Describe()} about the health or social care issues");
            return Task.FromResult(CaseChangeResult.Ok("Recorded."));
        }, cancellationToken);
}
