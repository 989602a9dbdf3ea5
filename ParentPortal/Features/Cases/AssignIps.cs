using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>
/// An adviser assigns an Independent Parental Supporter from the service's pool to a family (who asked for one on the
/// application, or on the phone): the supporter is introduced by e-mail, the family is told, and the supporter is invited to
/// the family's meetings from then on.
/// </summary>
public sealed class AssignIpsHandler(CaseFiles cases, ServiceDirectory services)
{
    public const string FieldKey = "ips";

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, int? supporterId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ManageSupport, async (file, db) =>
        {
            var supporter = supporterId is { } id
                ? await db.IndependentSupporters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.IsActive, cancellationToken)
                : null;
            if (supporter is null)
            {
                return new CaseChangeResult(false, [new(FieldKey, "Select an Independent Parental Supporter from the list")]);
            }

            if (file.Row.IndependentSupporterId == supporter.Id)
            {
                return new CaseChangeResult(false, [new(FieldKey, $"{supporter.Name} is already the family's Independent Parental Supporter")]);
            }

            await file.AssignIpsAsync(supporter, (await services.GetAsync(cancellationToken)).Name, cancellationToken);
            return CaseChangeResult.Ok($"{supporter.Name} assigned. They and the family have been e-mailed.");
        }, cancellationToken);
}
