using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using StoredSignature = ParentPortal.Data.Entities.AgreementSignature;

namespace ParentPortal.Features.Documents;

/// <summary>A signature given on a paper copy of the agreement, as staff record it.</summary>
public sealed class PaperSignatureForm
{
    public SignerRole? Role { get; set; }

    public string? SignerName { get; set; }

    public DateOnly? SignedOn { get; set; }

    /// <summary>Where the signed paper copy is kept (a case file, a scan in the service's records).</summary>
    public string? KeptWhere { get; set; }

    /// <summary>Staff confirm the paper copy has exactly the wording on the page: the signature is bound to it.</summary>
    public bool SameWording { get; set; }
}

/// <summary>
/// Record a paper signature (issue 12 item 15): a party without a sign-in (an LA decision maker with no officer account, a
/// parent who cannot use the portal) signs a printed copy; the case's mediator or adviser, or a manager, records who signed
/// and when, for exactly the wording on the page. It counts like a signature in the portal, is marked "signed on paper" on
/// the final PDF, and the last signature issues the agreement.
/// </summary>
public sealed partial class AgreementsHandler
{
    public static readonly TextField PaperSignerName = new("paper-name", "Name of the person who signed", 200, Missing: "Enter the name of the person who signed the paper copy");
    public static readonly TextField PaperCopyKept = new("paper-kept", "Where the signed paper copy is kept", 300, Missing: "Enter where the signed paper copy is kept");

    public async Task<(bool Succeeded, IReadOnlyList<FieldError> Errors, string? Message)> RecordPaperSignatureAsync(
        ClaimsPrincipal user, Guid caseId, string hashSeen, PaperSignatureForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null || !CaseAccess.MayIssueDocuments(file.Staff, file.Row) || file.Route == AnswerKeys.Facilitation)
        {
            return Refused("Only the case's mediator or adviser, or a manager, can record a signature given on paper.");
        }

        var draft = await db.AgreementDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        if (file.Stage != CaseStage.AgreementRecorded || draft is null)
        {
            return Refused(file.Stage == CaseStage.AgreementSigned ? "Everyone has already signed this agreement." : "There is no agreement waiting for signatures.");
        }

        var model = await ModelAsync(db, file.Row, JsonSerializer.Deserialize<AgreementForm>(draft.ContentJson, Json)!, [], cancellationToken);
        var hash = AgreementContent.Hash(model);
        if (hash != hashSeen)
        {
            return Refused("The agreement has changed since you opened it. Check the paper copy against the wording now on the page, then record the signature again.");
        }

        var signers = SignersFor(file.Row);
        var signed = await LiveSignaturesAsync(db, caseId, hash, cancellationToken);
        var errors = new List<FieldError>();
        if (form.Role is not { } role || !signers.Contains(role))
        {
            errors.Add(new("paper-role", "Choose who signed the paper copy"));
            role = default;
        }
        else if (signed.Any(s => s.Role == role))
        {
            errors.Add(new("paper-role", "This party has already signed the current wording"));
        }

        var name = PaperSignerName.Read(form.SignerName, errors, required: true);
        var today = file.Today;
        if (form.SignedOn is not { } on)
        {
            errors.Add(new("paper-date", "Enter the date the paper copy was signed"));
        }
        else if (on > today)
        {
            errors.Add(new("paper-date", "The date it was signed must be today or in the past"));
        }
        else if (file.Row.MeetingHeldOn is { } held && on < held)
        {
            errors.Add(new("paper-date", $"The date it was signed must be on or after the mediation ({UkDates.ShortDate(held)})"));
        }

        var kept = PaperCopyKept.Read(form.KeptWhere, errors, required: true);
        if (!form.SameWording)
        {
            errors.Add(new("paper-same", "Confirm the paper copy has exactly the wording on this page"));
        }

        if (errors.Count > 0)
        {
            return (false, errors, null);
        }

        db.AgreementSignatures.Add(new StoredSignature
        {
            Id = Guid.NewGuid(),
            ApplicationId = caseId,
            Role = role,
            SignerSubject = StoredSignature.OnPaper,
            SignerName = name!,
            // Only the day is known: midday in England stands for it, so it prints as that day whatever the clocks do.
            SignedAt = UkDates.FromLocal(form.SignedOn!.Value, new TimeOnly(12, 0)),
            ContentHash = hash,
            RecordedBy = file.Staff.Subject,
            PaperCopyKept = kept,
        });
        file.Record("agreement-signed-on-paper", $"{role} signed on paper on {UkDates.ShortDate(form.SignedOn!.Value)}. Paper copy kept: {kept}");
        try
        {
            if (!await file.SaveAsync(cancellationToken))
            {
                return Refused(CaseChangeResult.Conflict);
            }
        }
        catch (DbUpdateException)
        {
            return Refused("This party's signature has just been recorded by someone else.");
        }

        signed = await LiveSignaturesAsync(db, caseId, hash, cancellationToken);
        if (!signers.All(r => signed.Any(s => s.Role == r)))
        {
            return (true, [], "The paper signature is recorded. The agreement is final once everyone has signed.");
        }

        return await TryIssueSignedAsync(db, caseId, model, hash, signed, cancellationToken) is { } failure
            ? (true, [], "The paper signature is recorded and everyone has now signed. " + failure)
            : (true, [], "The paper signature is recorded. Everyone has now signed, and the signed agreement is ready for every party to download.");
    }

    private static (bool, IReadOnlyList<FieldError>, string?) Refused(string message) => (false, [new FieldError("", message)], null);
}
