using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Eligibility;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Calendar;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Features.Documents.Pdf;
using ParentPortal.Features.Messaging;
using ParentPortal.Features.Service;

namespace ParentPortal.Features.Documents;

public sealed record DocumentResult(bool Succeeded, string Message, Guid? DocumentId = null);

public sealed record DocumentRow(Guid Id, DocumentKind Kind, string? Subtype, string Number, string VerificationCode, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevocationReason, Guid? ReplacesId);

/// <summary>Issues and revokes a case's documents. The PDF is made once, stored with its SHA-256, and never regenerated.</summary>
public sealed class IssueDocumentsHandler(
    IDbContextFactory<PortalDbContext> contextFactory,
    DocumentPdfs pdfs,
    WorkingDayCalendarSource calendars,
    ServiceDirectory services,
    IConfiguration configuration,
    TimeProvider clock)
{
    private static readonly TextField RevokeReason = new("reason", "The reason", 500, Lines: true, "Enter why the document is being withdrawn");

    /// <summary>Issues the mediation certificate the case's facts call for (after information, after mediation, or the LA not arranging it in time).</summary>
    public async Task<DocumentResult> IssueCertificateAsync(ClaimsPrincipal user, Guid caseId, string baseUri, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (staff, application) = await LoadAsync(db, user, caseId, cancellationToken);
        if (staff is null || application is null)
        {
            return new(false, "We could not find that case.");
        }

        if (!DocumentAccess.CanIssue(staff, application))
        {
            return new(false, "Only the case's adviser or mediator, or a manager, can issue its documents. Take the case first.");
        }

        var answers = TriageAnswers.FromJson(application.AnswersJson);
        if (application.Route != AnswerKeys.Sen || answers.SenDecision is not { } decision || decision == SenDecision.SomethingElse || answers.Date(AnswerKeys.SenLetterDate) is not { } letter)
        {
            return new(false, "A mediation certificate is for an appealable SEN decision with its decision letter date.");
        }

        if (application.CertificateTriggeredOn is null || application.CertificateTrigger is not { } trigger)
        {
            return new(false, "Record first what the certificate follows: the family's decision not to have mediation, the mediation taking place, or the local authority not arranging it in time.");
        }

        if (await db.CaseDocuments.AnyAsync(d => d.ApplicationId == caseId && d.Kind == DocumentKind.Certificate && d.RevokedAt == null, cancellationToken))
        {
            return new(false, "This case already has a certificate. To change it, withdraw it with a reason, then issue a new one.");
        }

        // A reissue points at the certificate it replaces, so the history reads as one story.
        var replaces = await LatestWithdrawnAsync(db, caseId, DocumentKind.Certificate, cancellationToken);

        var now = clock.GetUtcNow();
        var today = UkDates.DateIn(now);
        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var profile = await services.GetAsync(cancellationToken);
        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.OwnerId, cancellationToken);
        var code = VerificationCodes.New();
        var kind = trigger switch
        {
            CertificateTrigger.MediationConcluded => CertificateKind.AfterMediation,
            CertificateTrigger.LocalAuthorityCouldNotArrangeMediation => CertificateKind.LaDidNotArrangeInTime,
            _ => CertificateKind.AfterInformationNotPursuing,
        };
        var number = $"MC-{application.Reference}-{await db.CaseDocuments.CountAsync(d => d.ApplicationId == caseId && d.Kind == DocumentKind.Certificate, cancellationToken) + 1}";
        var model = new MediationCertificate(
            kind,
            number,
            today,
            owner.DisplayName ?? "The parent",
            answers.IsYoungPerson,
            answers.IsYoungPerson ? null : ChildName(answers),
            answers.IsYoungPerson ? null : answers.Date(AnswerKeys.ChildDateOfBirth),
            application.LocalAuthority?.Name ?? "",
            Capitalise(SenEligibility.Describe(decision)),
            letter,
            new Issuer(staff.Name, staff.IsMediator && application.AssignedStaffId == staff.StaffId ? "Mediator" : "Mediation adviser", profile.Name),
            calculator.AppealBy(letter, today),
            new DocumentVerification(VerificationCodes.Display(code), VerifyUrl(baseUri, code)),
            kind == CertificateKind.AfterMediation ? application.MeetingHeldOn : null);

        byte[] pdf;
        try
        {
            pdf = pdfs.Certificate(model, now);
        }
        catch (UnsupportedTextException e)
        {
            return new(false, e.Message + " Check how the name is spelt, or call the family to agree how it should appear.");
        }

        var document = Store(db, application, staff.Subject, DocumentKind.Certificate, kind.ToString(), number, code, pdf, $"mediation-certificate-{application.Reference}.pdf", profile.Name, now, replaces);
        application.CertificateIssuedOn = today;
        if (CaseWorkflow.CanMove(application.Route, application.Stage, CaseStage.CertificateIssued))
        {
            application.Stage = CaseStage.CertificateIssued;
        }

        await NotifyFamilyAsync(db, application, owner, "Your mediation certificate is ready", $"Your mediation certificate ({number}) is ready. Sign in to the portal and choose \"Your applications\" to download it.", "certificate-ready:" + document.Id, now, cancellationToken);
        AddEvent(db, staff, application, now, "certificate-issued", number);
        AuditLog.Write(db, staff, "document-issued", "document", document.Id.ToString(), now, "certificate");
        application.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return new(true, $"Certificate {number} issued. The family has been told it is ready.", document.Id);
    }

    /// <summary>Withdraws a document with a reason; it stays in the history and its verification page says it was withdrawn.</summary>
    public async Task<DocumentResult> RevokeAsync(ClaimsPrincipal user, Guid documentId, string? reason, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldError>();
        var why = RevokeReason.Read(reason, problems, required: true);
        if (why is null)
        {
            return new(false, problems[0].Message);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.CaseDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        var (staff, application) = document is null ? (null, null) : await LoadAsync(db, user, document.ApplicationId, cancellationToken);
        if (document is null || staff is null || application is null || !DocumentAccess.CanIssue(staff, application))
        {
            return new(false, "We could not find that document.");
        }

        if (document.RevokedAt is not null)
        {
            return new(false, "This document has already been withdrawn.");
        }

        var now = clock.GetUtcNow();
        document.RevokedAt = now;
        document.RevokedBySubject = staff.Subject;
        document.RevocationReason = why;
        if (document.Kind == DocumentKind.Certificate)
        {
            application.CertificateIssuedOn = null;
        }

        if (document.Kind == DocumentKind.Agreement && application.Stage == CaseStage.AgreementSigned)
        {
            // The agreement goes back to being written: once corrected, everyone signs the new wording.
            application.Stage = CaseStage.AgreementRecorded;
            foreach (var signature in await db.AgreementSignatures.Where(s => s.ApplicationId == application.Id && s.VoidedAt == null).ToListAsync(cancellationToken))
            {
                signature.VoidedAt = now;
            }
        }

        application.Version++;
        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.OwnerId, cancellationToken);
        await NotifyFamilyAsync(db, application, owner, $"{DocumentQueries.Title(document.Kind, document.Subtype)} withdrawn", $"We have withdrawn {document.Number}, so please do not use it. If it is being replaced, we will tell you when the new one is ready in the portal.", "document-withdrawn:" + document.Id, now, cancellationToken);

        AddEvent(db, staff, application, now, "document-revoked", $"{document.Number}: {why}");
        AuditLog.Write(db, staff, "document-revoked", "document", document.Id.ToString(), now, document.Kind.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return new(true, $"{document.Number} withdrawn. Anyone checking its code will see that it was withdrawn.");
    }

    public async Task<IReadOnlyList<DocumentRow>> ForCaseAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == caseId, cancellationToken);
        if (application is null)
        {
            return [];
        }

        var rows = await db.CaseDocuments.AsNoTracking().Where(d => d.ApplicationId == caseId).OrderBy(d => d.IssuedAt)
            .Select(d => new DocumentRow(d.Id, d.Kind, d.Subtype, d.Number, d.VerificationCode, d.IssuedAt, d.RevokedAt, d.RevocationReason, d.ReplacesId))
            .ToListAsync(cancellationToken);
        // Who they are is looked up once; which kinds they may download follows from it.
        var (isFamily, staff) = await DocumentAccess.PartyAsync(db, user, application, cancellationToken);
        return [.. rows.Where(row => isFamily || (staff is not null && DocumentAccess.IsAssigned(staff, application, row.Kind)))];
    }

    internal static async Task<(StaffContext? Staff, Application? Application)> LoadAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var application = staff is null ? null : await StaffAccess.VisibleCases(db.Applications, staff).Include(a => a.LocalAuthority)
            .FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        return (staff, application);
    }

    internal static Task<Guid?> LatestWithdrawnAsync(PortalDbContext db, Guid caseId, DocumentKind kind, CancellationToken cancellationToken) =>
        db.CaseDocuments.Where(d => d.ApplicationId == caseId && d.Kind == kind && d.RevokedAt != null)
            .OrderByDescending(d => d.IssuedAt).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);

    internal static CaseDocument Store(PortalDbContext db, Application application, string issuedBySubject, DocumentKind kind, string? subtype, string number, string code, byte[] pdf, string fileName, string organisation, DateTimeOffset now, Guid? replaces)
    {
        var document = new CaseDocument
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            Kind = kind,
            Subtype = subtype,
            Number = number,
            VerificationCode = code,
            IssuedAt = now,
            IssuedBySubject = issuedBySubject,
            IssuingOrganisation = organisation,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            FileName = fileName,
            Pdf = pdf,
            ReplacesId = replaces,
        };
        db.CaseDocuments.Add(document);
        return document;
    }

    internal static void AddEvent(PortalDbContext db, StaffContext staff, Application application, DateTimeOffset now, string kind, string note) =>
        db.CaseEvents.Add(new CaseEvent { ApplicationId = application.Id, At = now, ActorSubject = staff.Subject, ActorName = staff.Name, Kind = kind, Note = note });

    internal static async Task NotifyFamilyAsync(PortalDbContext db, Application application, PortalUser owner, string subject, string body, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var address = TriageAnswers.FromJson(application.AnswersJson)[AnswerKeys.ContactEmail] ?? owner.Email;
        if (address is not null)
        {
            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage { Kind = "document-ready", ToAddress = address, ToName = owner.DisplayName, Subject = subject, Body = body, CorrelationKey = key }, now, cancellationToken);
        }
    }

    internal string VerifyUrl(string baseUri, string code)
    {
        var root = configuration["Portal:PublicBaseUrl"] is { Length: > 0 } configured ? configured : baseUri;
        return root.TrimEnd('/') + "/verify/" + VerificationCodes.Display(code);
    }

    internal static string? ChildName(TriageAnswers answers) =>
        answers[AnswerKeys.ChildFirstName] is { } first ? $"{first} {answers[AnswerKeys.ChildLastName]}".Trim() : null;

    // "a refusal to carry out an EHC needs assessment" reads on a certificate as "Refusal to carry out ...".
    private static string Capitalise(string text)
    {
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
