using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Eligibility;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Pdf;
using ParentPortal.Platform.Settings;

using ParentPortal.Domain.Text;

namespace ParentPortal.Features.Documents;

/// <summary>
/// Issues the mediation certificate the case's facts call for (after information, after mediation, or the local authority
/// not arranging it in time), by the case's adviser or mediator or a manager; the family is told it is ready.
/// </summary>
public sealed class IssueCertificateHandler(
    IDbContextFactory<PortalDbContext> contextFactory,
    CaseFiles cases,
    DocumentPdfs pdfs,
    WorkingDayCalendarSource calendars,
    ServiceDirectory services,
    VerificationLinks links)
{
    public async Task<DocumentResult> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null)
        {
            return new(false, CaseChangeResult.NotFound);
        }

        if (!CaseAccess.MayIssueDocuments(file.Staff, file.Row))
        {
            return new(false, "Only the case's adviser or mediator, or a manager, can issue its documents. Take the case first.");
        }

        var profile = file.Profile;
        if (file.Route != Domain.Triage.AnswerKeys.Sen || profile.SenDecision is not { } decision || decision == SenDecision.SomethingElse || profile.DecisionLetterSent is not { } letter)
        {
            return new(false, "A mediation certificate is for an appealable SEN decision with its decision letter date.");
        }

        if (file.Row.CertificateTriggeredOn is null || file.Row.CertificateTrigger is not { } trigger)
        {
            return new(false, "Record first what the certificate follows: the family's decision not to have mediation, the mediation taking place, or the local authority not arranging it in time.");
        }

        if (await IssuedDocuments.HasLiveAsync(db, caseId, DocumentKind.Certificate, cancellationToken))
        {
            return new(false, "This case already has a certificate. To change it, withdraw it with a reason, then issue a new one.");
        }

        var replaces = await IssuedDocuments.LatestWithdrawnAsync(db, caseId, DocumentKind.Certificate, cancellationToken);
        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var service = await services.GetAsync(cancellationToken);
        var family = await CaseParties.FamilyOfAsync(db, file.Row, profile, cancellationToken);
        var code = VerificationCodes.New();
        var kind = trigger switch
        {
            CertificateTrigger.MediationConcluded => CertificateKind.AfterMediation,
            CertificateTrigger.LocalAuthorityCouldNotArrangeMediation => CertificateKind.LaDidNotArrangeInTime,
            _ => CertificateKind.AfterInformationNotPursuing,
        };
        var number = await IssuedDocuments.NextNumberAsync(db, file, DocumentKind.Certificate, "MC", cancellationToken);
        var staff = file.Staff;
        var model = new MediationCertificate(
            kind,
            number,
            file.Today,
            family.Name ?? "The parent",
            profile.IsYoungPerson,
            profile.ChildName,
            profile.IsYoungPerson ? null : profile.ChildDateOfBirth,
            file.Row.LocalAuthority?.Name ?? "",
            DecisionWords(decision),
            letter,
            new Issuer(staff.Name, staff.IsMediator && file.Row.AssignedStaffId == staff.StaffId ? "Mediator" : "Mediation adviser", service.Name),
            calculator.AppealBy(letter, file.Today),
            new DocumentVerification(VerificationCodes.Display(code), links.For(code)),
            kind == CertificateKind.AfterMediation ? file.Row.MeetingHeldOn : null,
            file.Row.Language);

        IssuedFile pdf;
        try
        {
            pdf = pdfs.CertificateFile(model, file.Now);
        }
        catch (UnsupportedTextException e)
        {
            return new(false, e.Message + " Check how the name is spelt, or call the family to agree how it should appear.");
        }

        var document = IssuedDocuments.Store(db, caseId, staff.Subject, DocumentKind.Certificate, kind.ToString(), number, code, pdf, $"mediation-certificate-{file.Reference}.pdf", service.Name, file.Now, replaces);
        file.CertificateIssued();
        await file.FollowAppealDeadlineAsync(await calendars.CalculatorAsync(cancellationToken), service, cancellationToken);
        await file.TellFamilyInWordsAsync(
            "Your mediation certificate is ready",
            Wording.Format("Your mediation certificate ({0}) is ready. Sign in to the portal and choose \"Your applications\" to download it.", WordingPart.AsTyped(number)),
            "document-ready", "certificate-ready:" + document.Id, cancellationToken, document.Id);
        file.Record("certificate-issued", number);
        AuditLog.Write(db, staff, "document-issued", "document", document.Id.ToString(), file.Now, "certificate");
        return await file.SaveAsync(cancellationToken)
            ? new(true, $"Certificate {number} issued. The family has been told it is ready.", document.Id)
            : new(false, CaseChangeResult.Conflict);
    }

    /// <summary>
    /// The decision as a certificate names it: "a refusal to carry out an EHC needs assessment" reads as "Refusal to carry
    /// out ..." (the English is also the key of its translation).
    /// </summary>
    public static string DecisionWords(SenDecision decision)
    {
        var text = SenEligibility.Describe(decision);
        foreach (var article in new[] { "a ", "the " })
        {
            if (text.StartsWith(article, StringComparison.Ordinal))
            {
                text = text[article.Length..];
                break;
            }
        }

        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
