using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Documents;

/// <summary>Who declined to sign the written agreement, and why.</summary>
public sealed class AgreementNotSignedForm
{
    /// <summary>One of the keys <see cref="AgreementsHandler.DecliningParties"/> gives for the case's route.</summary>
    public string? Declined { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// "Agreement not signed" (issue 12 item 15): mediation is voluntary, and a party may decline to sign the written agreement.
/// The case's mediator or adviser, or a manager, records who declined and why; the case leaves "Agreement recorded" (where it
/// would otherwise wait for ever), every party is told, and in an SEN case the certificate follows as after any mediation. The
/// parties may still agree a new wording later: saving it records the agreement again.
/// </summary>
public sealed partial class AgreementsHandler
{
    public static readonly TextField NotSignedReason = new("declined-reason", "Why the agreement was not signed", 1000, Lines: true, "Enter why the agreement was not signed");

    /// <summary>The parties who may decline on this route: the family, and the local authority (SEN) or the school (bullying).</summary>
    public static IReadOnlyList<(string Key, string Label)> DecliningParties(bool withSchool) =>
        withSchool
            ? [("family", "The family"), ("school", "The school")]
            : [("family", "The family"), ("local-authority", "The local authority")];

    public async Task<CaseChangeResult> RecordNotSignedAsync(ClaimsPrincipal user, Guid caseId, AgreementNotSignedForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null || !CaseAccess.MayIssueDocuments(file.Staff, file.Row) || file.Route == AnswerKeys.Facilitation)
        {
            return CaseChangeResult.Refused("Only the case's mediator or adviser, or a manager, can record that the agreement was not signed.");
        }

        if (file.Stage != CaseStage.AgreementRecorded)
        {
            return CaseChangeResult.Refused(file.Stage == CaseStage.AgreementSigned
                ? "Everyone has signed this agreement. Withdraw the signed agreement first if it should not stand."
                : "An agreement can be recorded as not signed once it has been written and sent for signature.");
        }

        var errors = new List<FieldError>();
        var party = DecliningParties(file.Route == AnswerKeys.Bullying).FirstOrDefault(p => p.Key == form.Declined).Label;
        if (party is null)
        {
            errors.Add(new("declined-by", "Choose who declined to sign"));
        }

        var reason = NotSignedReason.Read(form.Reason, errors, required: true);
        if (errors.Count > 0)
        {
            return new CaseChangeResult(false, errors);
        }

        file.MoveTo(CaseStage.AgreementNotSigned);
        file.Record("agreement-not-signed", $"Declined: {party}. Why: {reason}");
        await AskToSignAsync(db, file, file.Route == AnswerKeys.Sen
            ? "The written agreement from your mediation has not been signed by everyone, so it will not be issued. The mediation certificate follows, as after any mediation. If you want to talk about what happens next, call your adviser."
            : "The written agreement from your mediation has not been signed by everyone, so it will not be issued. Your adviser will talk to you about what happens next.", cancellationToken);
        return await file.SaveAsync(cancellationToken)
            ? CaseChangeResult.Ok("Recorded: the agreement was not signed. Every party has been told.")
            : CaseChangeResult.Refused(CaseChangeResult.Conflict);
    }
}
