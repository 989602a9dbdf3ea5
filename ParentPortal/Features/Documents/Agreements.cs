using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Pdf;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;
using ModelSignature = ParentPortal.Features.Documents.Models.AgreementSignature;
using StoredSignature = ParentPortal.Data.Entities.AgreementSignature;

namespace ParentPortal.Features.Documents;

/// <summary>What the mediator writes down after a mediation: the content every party signs.</summary>
public sealed class AgreementForm
{
    public List<string> Issues { get; set; } = [];

    public List<AgreementActionForm> Actions { get; set; } = [];

    public List<string> MattersNotAgreed { get; set; } = [];
}

public sealed class AgreementActionForm
{
    public string What { get; set; } = "";

    public string Who { get; set; } = "";

    public DateOnly? By { get; set; }
}

/// <param name="SignedBy">Who has signed the current content, by role, when, and whether on paper (recorded by staff).</param>
/// <param name="MyRole">The role this person signs as, when they are a signing party.</param>
public sealed record AgreementView(
    Guid CaseId,
    MediationAgreement Agreement,
    string ContentHash,
    AgreementForm Form,
    IReadOnlyDictionary<SignerRole, (string Name, DateTimeOffset SignedAt, bool OnPaper)> SignedBy,
    SignerRole? MyRole,
    bool CanEdit,
    bool FullySigned,
    DateOnly DefaultActionDate,
    CaseStage Stage,
    bool HasDraft,
    Guid? SignedDocumentId,
    IReadOnlyList<SignerRole> Signers,
    bool OtherOfficer = false);

/// <summary>
/// The written agreement after a mediation (SEND Regulations 2014, regulation 42). Each party signs in
/// the portal with their own sign-in: the parent, the mediator and, in an SEN mediation, the local authority's
/// decision maker named for the meeting (see <see cref="SignersFor"/>; one without an account signs on paper). A signature is bound to the SHA-256 of the exact content; changing the
/// content voids every signature and asks the parties again. Once everyone has signed, the final PDF is issued to every party.
/// </summary>
public sealed partial class AgreementsHandler(
    IDbContextFactory<PortalDbContext> contextFactory,
    DocumentPdfs pdfs,
    WorkingDayCalendarSource calendars,
    ServiceDirectory services,
    CaseFiles cases,
    VerificationLinks links,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly SignerRole[] SenSigners = [SignerRole.Parent, SignerRole.Mediator, SignerRole.LaOfficer];
    private static readonly SignerRole[] SchoolSigners = [SignerRole.Parent, SignerRole.Mediator];

    /// <summary>
    /// Who signs: in an SEN mediation the family, the mediator and the local authority's decision maker; a bullying
    /// mediation is between the family and the school, whose representative has no account here, so the family and the mediator.
    /// </summary>
    public static IReadOnlyList<SignerRole> SignersFor(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.Route == AnswerKeys.Bullying ? SchoolSigners : SenSigners;
    }

    public async Task<AgreementView?> GetAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (application, staff, role) = await PartyAsync(db, user, caseId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var draft = await db.AgreementDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        var form = draft is null ? new AgreementForm() : JsonSerializer.Deserialize<AgreementForm>(draft.ContentJson, Json)!;
        var model = await ModelAsync(db, application, form, [], cancellationToken);
        var hash = AgreementContent.Hash(model);
        var signatures = await LiveSignaturesAsync(db, caseId, hash, cancellationToken);
        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var agreedOn = application.MeetingHeldOn ?? UkDates.DateIn(clock.GetUtcNow());
        return new AgreementView(
            caseId,
            model with { Signatures = Signatures(model, SignersFor(application), signatures) },
            hash,
            form,
            signatures.ToDictionary(s => s.Role, s => (s.SignerName, s.SignedAt, s.RecordedBy is not null)),
            role,
            staff is not null && CaseAccess.MayIssueDocuments(staff, application) && application.Stage is CaseStage.MeetingHeld or CaseStage.AgreementRecorded or CaseStage.AgreementNotSigned,
            SignersFor(application).All(r => signatures.Any(s => s.Role == r)),
            calculator.AgreedActionsBy(agreedOn, SenFacts.MatterOfAgreement(TriageAnswers.FromJson(application.AnswersJson))).Date,
            application.Stage,
            draft is not null,
            await db.CaseDocuments.AsNoTracking().Where(d => d.ApplicationId == caseId && d.Kind == DocumentKind.Agreement && d.RevokedAt == null)
                .OrderByDescending(d => d.IssuedAt).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken),
            SignersFor(application),
            OtherOfficer: staff is not null && role is null && CaseAccess.IsSigningOfficer(staff, application));
    }

    public async Task<(bool Succeeded, IReadOnlyList<FieldError> Errors, string? Message)> SaveAsync(ClaimsPrincipal user, Guid caseId, AgreementForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null || !CaseAccess.MayIssueDocuments(file.Staff, file.Row))
        {
            return (false, [new FieldError("", "Only the case's mediator or adviser, or a manager, can write the agreement.")], null);
        }

        var application = file.Row;
        // After a party declined to sign, the parties may yet agree a new wording: saving it records the agreement again.
        if (application.Stage is not (CaseStage.MeetingHeld or CaseStage.AgreementRecorded or CaseStage.AgreementNotSigned))
        {
            return (false, [new FieldError("", application.Stage == CaseStage.AgreementSigned
                ? "Everyone has signed this agreement, so it cannot be changed. Withdraw the signed agreement first if it is wrong."
                : "The agreement is written after the mediation meeting has been held.")], null);
        }

        var cleaned = Clean(form);
        var errors = Validate(cleaned, UkDates.DateIn(clock.GetUtcNow()));
        if (errors.Count > 0)
        {
            return (false, errors, null);
        }

        var now = file.Now;
        var model = await ModelAsync(db, application, cleaned, [], cancellationToken);
        if (PrintProblem(model, SignersFor(application), now) is { } problem)
        {
            return (false, [new FieldError("", problem)], null);
        }

        var hash = AgreementContent.Hash(model);
        var draft = await db.AgreementDrafts.FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        var changed = draft is null || draft.ContentHash != hash;
        if (draft is null)
        {
            db.AgreementDrafts.Add(new AgreementDraft { ApplicationId = caseId, ContentJson = JsonSerializer.Serialize(cleaned, Json), ContentHash = hash, UpdatedAt = now });
        }
        else
        {
            draft.ContentJson = JsonSerializer.Serialize(cleaned, Json);
            draft.ContentHash = hash;
            draft.UpdatedAt = now;
            draft.Version++;
        }

        var voided = 0;
        if (changed)
        {
            // The content changed: any signature given for the old content no longer counts.
            var live = await db.AgreementSignatures.Where(s => s.ApplicationId == caseId && s.VoidedAt == null).ToListAsync(cancellationToken);
            foreach (var signature in live)
            {
                signature.VoidedAt = now;
                voided++;
            }

            if (voided > 0)
            {
                await AskToSignAsync(db, file, "The agreement has been changed since you signed it. Please read it again and sign it in the portal.", cancellationToken);
            }
        }

        if (file.MoveIfAllowed(CaseStage.AgreementRecorded))
        {
            await AskToSignAsync(db, file, "The written agreement from your mediation is ready. Please read it and sign it in the portal.", cancellationToken);
        }

        file.Record("agreement-saved", voided > 0 ? $"Changed after signing: {voided} signature(s) voided, parties asked again" : null);
        if (!await file.SaveAsync(cancellationToken))
        {
            return (false, [new FieldError("", CaseChangeResult.Conflict)], null);
        }

        return (true, [], voided > 0 ? $"Saved. The {voided} signature(s) given for the earlier wording no longer count, and the parties have been asked to sign again." : "Saved.");
    }

    public async Task<(bool Succeeded, string Message)> SignAsync(ClaimsPrincipal user, Guid caseId, string hashSeen, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (application, staff, role) = await PartyAsync(db, user, caseId, cancellationToken);
        if (application is null || role is not { } signerRole)
        {
            return (false, "We could not find an agreement for you to sign.");
        }

        if (application.Stage != CaseStage.AgreementRecorded)
        {
            return (false, application.Stage == CaseStage.AgreementSigned ? "Everyone has already signed this agreement." : "There is no agreement to sign yet.");
        }

        var draft = await db.AgreementDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        if (draft is null)
        {
            return (false, "There is no agreement to sign yet.");
        }

        // The hash of the content as it stands now (wording, and the attendees from the meeting): what the signer saw must match it.
        var form = JsonSerializer.Deserialize<AgreementForm>(draft.ContentJson, Json)!;
        var model = await ModelAsync(db, application, form, [], cancellationToken);
        var hash = AgreementContent.Hash(model);
        if (hash != hashSeen)
        {
            return (false, "The agreement has changed since you opened it. Please read it again before you sign.");
        }

        // The family signs with the name the application gives them (the sign-in may carry none, as with GOV.UK One Login).
        var name = staff?.Name ?? await FamilyNameAsync(db, application, cancellationToken);
        var file = cases.Open(db, application, staff is null ? CaseActor.Family(user.Subject()!, name) : CaseActor.Of(staff));
        var now = file.Now;
        db.AgreementSignatures.Add(new StoredSignature
        {
            Id = Guid.NewGuid(), ApplicationId = caseId, Role = signerRole, SignerSubject = user.Subject()!, SignerName = name, SignedAt = now, ContentHash = hash,
        });
        file.Record("agreement-signed", signerRole.ToString());
        try
        {
            await file.SaveAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return (false, "This agreement has already been signed for your role.");
        }

        var signatures = await LiveSignaturesAsync(db, caseId, hash, cancellationToken);
        if (!SignersFor(application).All(r => signatures.Any(s => s.Role == r)))
        {
            return (true, "Thank you. Your signature is recorded. The agreement is final once everyone has signed.");
        }

        // Two parties signing last at the same moment both get here: the first to save issues the agreement.
        if (await TryIssueSignedAsync(db, application.Id, model, hash, signatures, cancellationToken) is not null)
        {
            // The signature is saved; the agreement waits on the case for its mediator or adviser to issue it again.
            return (true, "Thank you. Your signature is recorded and everyone has now signed. The signed agreement could not be made just now: the mediator has been told and will issue it.");
        }

        return (true, "Thank you. Everyone has now signed, and the signed agreement is ready for every party to download.");
    }

    /// <summary>
    /// Issues the signed agreement again after making it failed at the last signature (a name the PDF fonts cannot print,
    /// corrected since): the case's mediator or adviser, or a manager, from the agreement's page.
    /// </summary>
    public async Task<(bool Succeeded, string Message)> IssueAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null || !CaseAccess.MayIssueDocuments(file.Staff, file.Row) || file.Route == AnswerKeys.Facilitation)
        {
            return (false, "Only the case's mediator or adviser, or a manager, can issue the agreement.");
        }

        var draft = await db.AgreementDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == caseId, cancellationToken);
        if (file.Stage != CaseStage.AgreementRecorded || draft is null)
        {
            return (false, file.Stage == CaseStage.AgreementSigned ? "The signed agreement has already been issued." : "There is no agreement waiting to be issued.");
        }

        var model = await ModelAsync(db, file.Row, JsonSerializer.Deserialize<AgreementForm>(draft.ContentJson, Json)!, [], cancellationToken);
        var hash = AgreementContent.Hash(model);
        var signatures = await LiveSignaturesAsync(db, caseId, hash, cancellationToken);
        if (!SignersFor(file.Row).All(r => signatures.Any(s => s.Role == r)))
        {
            return (false, "Not everyone has signed the current wording yet.");
        }

        // A name that could not be printed may have been corrected since it was signed: print each signer's name as it is now
        // (the signature rows keep the name they were given with).
        foreach (var signature in signatures.Where(s => s.RecordedBy is null))
        {
            signature.SignerName = signature.Role == SignerRole.Parent ? await FamilyNameAsync(db, file.Row, cancellationToken) : await db.StaffMembers.Where(m => m.Subject == signature.SignerSubject).Select(m => m.DisplayName).FirstOrDefaultAsync(cancellationToken)
                ?? await db.Users.Where(u => u.Subject == signature.SignerSubject).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
                ?? signature.SignerName;
        }

        return await TryIssueSignedAsync(db, caseId, model, hash, signatures, cancellationToken) is { } failure
            ? (false, failure)
            : (true, "The signed agreement has been issued, and every party has been told.");
    }

    /// <summary>Null when the agreement, signed by names like these, can be printed; otherwise what to change.</summary>
    private string? PrintProblem(MediationAgreement model, IReadOnlyList<SignerRole> signers, DateTimeOffset now)
    {
        var code = VerificationCodes.New();
        var trial = model with
        {
            Signatures = [.. signers.Select(role => new ModelSignature(role == SignerRole.Parent ? model.Attendees[0].Name : "Signed", role.ToString(), now))],
            Verification = new DocumentVerification(VerificationCodes.Display(code), links.For(code)),
        };
        try
        {
            pdfs.CheckAgreementPrints(trial, now);
            return null;
        }
        catch (UnsupportedTextException e)
        {
            return "This agreement could not be printed, so it has not been saved. " + e.Message + " Change the wording (or, for a name, check how it is spelt) and save again.";
        }
    }

    /// <param name="model">The content everyone signed (its hash is <paramref name="hash"/>): the PDF is made from exactly that.</param>
    /// <returns>Null when issued (or already issued by another signer at the same moment); otherwise why it could not be made.</returns>
    private async Task<string?> TryIssueSignedAsync(PortalDbContext db, Guid caseId, MediationAgreement model, string hash, IReadOnlyList<StoredSignature> signatures, CancellationToken cancellationToken)
    {
        var file = cases.Open(db, await db.Applications.FirstAsync(a => a.Id == caseId, cancellationToken), CaseActor.Portal);
        if (file.Stage != CaseStage.AgreementRecorded)
        {
            return null;
        }

        var code = VerificationCodes.New();
        var profile = await services.GetAsync(cancellationToken);
        var signed = model with
        {
            Signatures = Signatures(model, SignersFor(file.Row), signatures),
            Verification = new DocumentVerification(VerificationCodes.Display(code), links.For(code)),
        };
        var number = await IssuedDocuments.NextNumberAsync(db, file, DocumentKind.Agreement, "MA", cancellationToken);
        IssuedFile pdf;
        try
        {
            pdf = pdfs.AgreementFile(signed, file.Now);
        }
        catch (UnsupportedTextException e)
        {
            // Everyone has signed: the case must not stick here. The history says why, and the page offers to issue it again.
            var problem = e.Message + " Correct the name in the staff list or with the family, then issue the agreement again from its page.";
            file.Record("agreement-issue-failed", e.Message);
            await file.SaveAsync(cancellationToken);
            return problem;
        }

        var document = IssuedDocuments.Store(db, caseId, signatures.First(s => s.Role == SignerRole.Mediator) is var mediator && mediator.RecordedBy is { } recorder ? recorder : mediator.SignerSubject, DocumentKind.Agreement, null, number, code, pdf, $"mediation-agreement-{file.Reference}.pdf", profile.Name, file.Now, null);
        document.AgreementContentHash = hash;
        // Issue 14 item 5: each agreed action is followed to done from now, by the date the agreement gives it.
        var actions = ActionPointsHandler.AddForAgreement(db, caseId, document.Id, signed.Actions, await FamilyNameAsync(db, file.Row, cancellationToken));
        await ActionPointsHandler.RemindBeforeDueAsync(db, file, actions, profile.Name, cancellationToken);
        file.MoveTo(CaseStage.AgreementSigned);
        file.Record("agreement-issued", number);
        await AskToSignAsync(db, file, $"Everyone has signed the agreement from your mediation ({number}). You can download it in the portal.", cancellationToken, "agreement-final:" + document.Id, document.Id);
        await SendCopiesAsync(db, file, document.Id, pdf.Pdf, $"mediation-agreement-{file.Reference}.pdf", number, code, profile.Name, cancellationToken);
        await file.SaveAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Issue 13 item 7: the parties who took part without a portal account (the school's representative in a bullying
    /// mediation, a local authority decision maker who signed on paper) are e-mailed their copy of the signed agreement as a
    /// PDF, with its verification code, through the outbox with the case's and the document's ids. A school is sent it only
    /// when the family agreed that the school may be contacted.
    /// </summary>
    private async Task SendCopiesAsync(PortalDbContext db, CaseFile file, Guid documentId, byte[] pdf, string fileName, string number, string code, string organisation, CancellationToken cancellationToken)
    {
        // The other party's people at the joint meeting, without an account, whom the family's consent lets us write to.
        var party = file.Route == AnswerKeys.Bullying ? AttendeeRole.SchoolRepresentative : AttendeeRole.LaDecisionMaker;
        var recipients = ((await file.MeetingAsync(cancellationToken))?.People ?? [])
            .Where(p => p.Role == party && p.StaffId is null && file.MayWriteTo(p))
            .ToList();
        foreach (var person in recipients)
        {
            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "agreement-copy",
                ToAddress = person.Email!,
                ToName = person.Name,
                Subject = $"Signed mediation agreement ({file.Reference})",
                Body = $"""
                    Dear {person.Name},

                    Everyone has signed the agreement from the mediation you took part in (reference {file.Reference}). Your copy, {number}, is attached.

                    Anyone can check it is genuine: go to {links.For(code)} or enter the code {VerificationCodes.Display(code)} on our verification page. Please keep it confidential, as the agreement says.

                    {organisation}
                    """,
                CorrelationKey = $"agreement-copy:{documentId:N}:{OutboxWriter.AddressKey(person.Email!)}",
                Attachment = new MessageAttachment { FileName = fileName, ContentType = "application/pdf", Data = pdf },
                About = MessageAbout.Application(file.Row, documentId, toFamily: false),
            }, file.Now, cancellationToken);
        }

        if (recipients.Count > 0)
        {
            file.Record("agreement-copies-sent", $"Sent by e-mail to {string.Join(", ", recipients.Select(p => $"{p.Name} ({MeetingPlan.Describe(p.Role).ToLowerInvariant()})"))}");
        }
    }

    /// <summary>The family's name as the case has it (see <see cref="FamilyContact"/>); "The family" when it has none.</summary>
    private static async Task<string> FamilyNameAsync(PortalDbContext db, Application application, CancellationToken cancellationToken) =>
        (await CaseParties.FamilyOfAsync(db, application, CaseProfile.From(TriageAnswers.FromJson(application.AnswersJson)), cancellationToken)).Name ?? "The family";

    /// <summary>The case, and the role this person signs as: its family, its assigned mediator, or an officer of its local authority.</summary>
    private static async Task<(Application? Application, StaffContext? Staff, SignerRole? Role)> PartyAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.Include(a => a.LocalAuthority)
            .FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        if (application is null)
        {
            return (null, null, null);
        }

        if (await ApplicationAccess.UserIdAsync(db, user, cancellationToken) is { } userId && userId == application.OwnerId)
        {
            return (application, null, SignerRole.Parent);
        }

        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null || !CaseAccess.MaySeeDocument(staff, application, DocumentKind.Agreement))
        {
            return (null, null, null);
        }

        // The local authority signs through the decision maker named for the meeting, and only them (issue 13 item 5): other
        // officers of the authority may read the agreement, not sign it.
        var decisionMaker = await db.CaseMeetings.AsNoTracking().MainOf(caseId).Select(m => m.DecisionMakerStaffId).FirstOrDefaultAsync(cancellationToken);
        SignerRole? role = staff.IsMediator && application.AssignedStaffId == staff.StaffId ? SignerRole.Mediator
            : CaseAccess.IsSigningOfficer(staff, application) && decisionMaker == staff.StaffId ? SignerRole.LaOfficer
            : null;
        return (application, staff, role);
    }

    private async Task<MediationAgreement> ModelAsync(PortalDbContext db, Application application, AgreementForm form, IReadOnlyList<ModelSignature> signatures, CancellationToken cancellationToken)
    {
        var profile = CaseProfile.From(TriageAnswers.FromJson(application.AnswersJson));
        var service = await services.GetAsync(cancellationToken);
        var parties = await CaseParties.OfAsync(db, application, cancellationToken);
        var meeting = await db.CaseMeetings.AsNoTracking().Include(m => m.People).MainOf(application.Id).FirstOrDefaultAsync(cancellationToken);
        var school = application.Route == AnswerKeys.Bullying ? profile.ChildSchool ?? "The school" : null;
        var attendees = new List<Attendee>
        {
            new(parties.Family.Name ?? "Parent", profile.IsYoungPerson ? "Young person" : "Parent or carer", IsParty: true),
            new(meeting?.LaDecisionMaker ?? "Not named yet", school is null ? $"{application.LocalAuthority?.Name} (decision maker)" : school, IsParty: true, IsDecisionMaker: true),
        };
        if (parties.Mediator is { } mediator)
        {
            attendees.Add(new(mediator.Name, "Mediator"));
        }

        // Everyone else at the meeting, with their role; the decision maker (or school representative) is listed above.
        attendees.AddRange((meeting?.People ?? []).Where(p => p.Name != meeting!.LaDecisionMaker).Select(p => new Attendee(p.Name, MeetingPlan.Describe(p.Role))));

        return new MediationAgreement(
            application.Reference ?? "",
            service.Name,
            application.MeetingHeldOn ?? UkDates.DateIn(clock.GetUtcNow()),
            application.LocalAuthority?.Name ?? "",
            profile.ChildName,
            attendees,
            form.Issues,
            [.. form.Actions.Select(a => new AgreedAction(a.What, a.Who, a.By!.Value))],
            form.MattersNotAgreed,
            MediationAgreement.StandardConfidentialityStatement,
            signatures,
            School: school);
    }

    private static IReadOnlyList<ModelSignature> Signatures(MediationAgreement model, IReadOnlyList<SignerRole> signers, IReadOnlyList<StoredSignature> signatures) =>
    [
        .. signers.Select(role =>
        {
            var signature = signatures.FirstOrDefault(s => s.Role == role);
            var label = role switch { SignerRole.Parent => "Parent or young person", SignerRole.Mediator => "Mediator", _ => $"{model.LocalAuthority} decision maker" };
            return new ModelSignature(signature?.SignerName ?? "Awaiting signature", label, signature?.SignedAt, OnPaper: signature?.RecordedBy is not null);
        }),
    ];

    private static async Task<List<StoredSignature>> LiveSignaturesAsync(PortalDbContext db, Guid caseId, string hash, CancellationToken cancellationToken) =>
        await db.AgreementSignatures.AsNoTracking().Where(s => s.ApplicationId == caseId && s.VoidedAt == null && s.ContentHash == hash).ToListAsync(cancellationToken);

    /// <summary>Tells every signing party (the family, the mediator and, in an SEN case, the local authority's officers) by e-mail.</summary>
    private static async Task AskToSignAsync(PortalDbContext db, CaseFile file, string body, CancellationToken cancellationToken, string? key = null, Guid? documentId = null)
    {
        var parties = await file.PartiesAsync(cancellationToken);
        var recipients = new List<(string? Address, string? Name, bool ToFamily)> { (null, parties.Family.Name, true) };

        // CaseParties already holds the officers only where the family's consent (or the law) lets the LA see the case; when a
        // decision maker with an account is named, they are the local authority here (issue 13 item 5).
        var decisionMaker = await db.CaseMeetings.AsNoTracking().MainOf(file.Id).Select(m => m.DecisionMakerStaffId).FirstOrDefaultAsync(cancellationToken);
        var officers = parties.LaOfficers.Where(o => decisionMaker is null || o.Id == decisionMaker);
        recipients.AddRange(new[] { parties.Mediator }.Concat(officers).Where(s => s?.Email is not null).Select(s => (Address: (string?)s!.Email, Name: (string?)s.Name, ToFamily: false)));
        foreach (var (to, name, toFamily) in recipients)
        {
            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "agreement",
                ToAddress = to,
                // The family by the way they chose (e-mail, text or letter); their key keeps the e-mail address it always had.
                Family = toFamily ? parties.Family : null,
                ToName = name,
                Subject = $"Mediation agreement ({file.Reference})",
                Body = body,
                CorrelationKey = key is null ? null : $"{key}:{to ?? parties.Family.Email ?? "family"}",
                // The staff's copies belong to the family's records too: they go with the family's erasure.
                About = MessageAbout.Application(file.Row, documentId, toFamily: toFamily),
            }, file.Now, cancellationToken);
        }
    }

    private static AgreementForm Clean(AgreementForm form) => new()
    {
        Issues = [.. form.Issues.Select(DocumentFormChecks.Tidy).Where(i => i.Length > 0)],
        MattersNotAgreed = [.. form.MattersNotAgreed.Select(DocumentFormChecks.Tidy).Where(i => i.Length > 0)],
        Actions = [.. form.Actions.Where(a => a is not null && (!string.IsNullOrWhiteSpace(a.What) || !string.IsNullOrWhiteSpace(a.Who)))
            .Select(a => new AgreementActionForm { What = DocumentFormChecks.Tidy(a.What), Who = DocumentFormChecks.Tidy(a.Who), By = a.By })],
    };

    private static List<FieldError> Validate(AgreementForm form, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (form.Issues.Count == 0)
        {
            errors.Add(new("issues", "Enter at least one issue the mediation was about"));
        }

        if (form.Issues.Count + form.MattersNotAgreed.Count > 50)
        {
            errors.Add(new("issues", "There can be up to 50 issues, agreed or not"));
        }

        DocumentFormChecks.CheckItems(errors, "issues", "Issue", form.Issues, 1000, most: 50);
        DocumentFormChecks.CheckItems(errors, "not-agreed", "Matter not agreed", form.MattersNotAgreed, 1000, most: 50);
        DocumentFormChecks.CheckActions(errors, form.Actions, "Agreed action", "enter what will be done, who will do it and by when", a => (a.What, a.Who, a.By), today);
        return errors;
    }
}
