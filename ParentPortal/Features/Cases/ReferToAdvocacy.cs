using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>
/// An adviser refers a family who asked for it to the advocacy service for minority ethnic families by e-mail from the
/// portal: for a family who applied before the service's address was set, or whose referral the portal could not send.
/// </summary>
public sealed class ReferToAdvocacyHandler(CaseFiles cases, ServiceDirectory services)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ManageSupport, async (file, _) =>
        {
            if (WhyNotDue(file) is { } refused)
            {
                return refused;
            }

            var advocacy = (await services.GetAsync(cancellationToken)).Advocacy;
            return await file.ReferToAdvocacyAsync(advocacy, cancellationToken)
                ? CaseChangeResult.Ok($"Referred to {advocacy!.Name} by e-mail. The family has been told.")
                : CaseChangeResult.Refused("The advocacy service's e-mail address is not set under Service settings. Refer the family by phone, then record it here.");
        }, cancellationToken);

    /// <summary>Why this family cannot be referred now (already referred, or never asked), for both ways of referring; null when they can.</summary>
    internal static CaseChangeResult? WhyNotDue(CaseFile file) =>
        file.AdvocacyReferralDue ? null
        : CaseChangeResult.Refused(file.Profile.WantsAdvocacy
            ? "The family has already been referred to the advocacy service."
            : "The family did not ask to be put in touch with the advocacy service, so they cannot be referred.");
}

/// <summary>An adviser records a referral to the advocacy service made another way (by phone, say), with the day and how.</summary>
public sealed class RecordAdvocacyReferralHandler(CaseFiles cases)
{
    public const string FieldPrefix = "advocacy-";

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, DateOnly? on, NoticeMethod? how, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ManageSupport, (file, _) =>
        {
            if (ReferToAdvocacyHandler.WhyNotDue(file) is { } refused)
            {
                return Task.FromResult(refused);
            }

            var sent = UkDates.DateIn(file.Row.SubmittedAt ?? file.Now);
            var (notice, errors) = NoticeGiven.Read(on, how, file.Today, sent, "the family", "they applied", FieldPrefix, "was referred");
            if (notice is null)
            {
                return Task.FromResult(new CaseChangeResult(false, errors));
            }

            file.AdvocacyReferred(notice);
            file.Record("advocacy-referred", $"Referred to the advocacy service {notice.Describe()}, as the family asked");
            return Task.FromResult(CaseChangeResult.Ok("Recorded."));
        }, cancellationToken);
}
