using System.Globalization;
using ParentPortal.Features.Documents;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Pdf;
using ParentPortal.Tests.Domain;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>Realistic documents for the PDF tests, with the appeal deadline from the real rules engine.</summary>
public static class DocumentSamples
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 3, 9, 14, 5, 0, TimeSpan.Zero);

    private static readonly Lazy<PdfFontSet> SharedFonts = new(() => PdfFontSet.Shared);

    public static PdfFontSet Fonts => SharedFonts.Value;

    public static PdfRenderer Renderer { get; } = new(Fonts);

    public static DocumentPdfs Pdfs { get; } = new(Renderer);

    public static MediationCertificate Certificate(CertificateKind kind = CertificateKind.AfterInformationNotPursuing, string applicant = "Siân O'Brien-Núñez")
    {
        var letter = TestCalendars.D("2026-01-20");
        var issued = TestCalendars.D("2026-03-09");
        return new MediationCertificate(
            kind,
            CertificateNumber: "MC-2026-004217",
            IssuedOn: issued,
            ApplicantName: applicant,
            ApplicantIsYoungPerson: false,
            ChildName: "Łukasz Dvořák",
            ChildDateOfBirth: TestCalendars.D("2015-07-14"),
            LocalAuthority: "Hertfordshire County Council",
            Decision: "Refusal to carry out an EHC needs assessment",
            DecisionLetterDate: letter,
            IssuedBy: new Issuer("Priya Shah", "Mediation adviser", "Hertfordshire SEND Mediation Service"),
            AppealDeadline: TestCalendars.Calculator.AppealBy(letter, issued),
            Verification: new DocumentVerification("7KXM-2QPT-9HWR", "https://portal.example.org.uk/verify/7KXM-2QPT-9HWR"),
            MediationHeldOn: kind == CertificateKind.AfterMediation ? TestCalendars.D("2026-03-04") : null);
    }

    public static MediationAgreement Agreement(int actions = 3)
    {
        var date = TestCalendars.D("2026-03-04");
        var due = TestCalendars.Calculator.AgreedActionsBy(date).Date;
        return new MediationAgreement(
            Reference: "MA-2026-000318",
            Organisation: "Hertfordshire SEND Mediation Service",
            MediationDate: date,
            LocalAuthority: "Hertfordshire County Council",
            ChildName: "Zoë Ngozi Ọlá",
            Attendees:
            [
                new Attendee("Siân O'Brien-Núñez", "Parent", IsParty: true),
                new Attendee("Marcus Bell", "SEN team manager, Hertfordshire County Council", IsParty: true, IsDecisionMaker: true),
                new Attendee("Grace Adeyemi", "Independent Parental Supporter"),
                new Attendee("Tomás Ferreira", "Mediator, Hertfordshire SEND Mediation Service"),
            ],
            Issues:
            [
                "Whether the local authority will carry out an EHC needs assessment for Zoë.",
                "The support Zoë receives at school while the assessment is considered.",
            ],
            Actions: [.. Enumerable.Range(1, actions).Select(i => Action(i, due))],
            MattersNotAgreed: ["Whether Zoë should attend a specialist setting from September."],
            ConfidentialityStatement: MediationAgreement.StandardConfidentialityStatement,
            Signatures:
            [
                new AgreementSignature("Siân O'Brien-Núñez", "Parent", new DateTimeOffset(2026, 3, 5, 18, 42, 0, TimeSpan.Zero)),
                new AgreementSignature("Marcus Bell", "Local authority decision maker", new DateTimeOffset(2026, 3, 6, 9, 15, 0, TimeSpan.Zero)),
                new AgreementSignature("Tomás Ferreira", "Mediator", null),
            ],
            Verification: new DocumentVerification("QF3T-8NVA-K2YP", "https://portal.example.org.uk/verify/QF3T-8NVA-K2YP"));
    }

    public static AgreedAction Action(int number, DateOnly due) => new(
        number switch
        {
            1 => "The local authority will carry out an EHC needs assessment and write to Siân to confirm it has started.",
            2 => "The school's SENCo will share the current support plan and the notes of the last review with Siân.",
            3 => "Siân will send the educational psychologist's report from 2025 to the SEN team.",
            _ => string.Create(CultureInfo.InvariantCulture, $"Action {number}: the SEN team will arrange a meeting with the school and Siân to review how the agreed support is working, and send everyone a note of it afterwards."),
        },
        number % 3 == 0 ? "Siân O'Brien-Núñez" : number % 3 == 1 ? "Marcus Bell (local authority)" : "School SENCo",
        due.AddDays(number % 5));

    public static FacilitatedMeetingRecord MeetingRecord() => new(
        Reference: "FM-2026-000057",
        Organisation: "Hertfordshire SEND Mediation Service",
        Type: MeetingType.AnnualReview,
        OtherMeetingType: null,
        MeetingDate: TestCalendars.D("2026-02-11"),
        ChildName: "Zoë Ngozi Ọlá",
        Facilitator: new Issuer("Tomás Ferreira", "Facilitator", "Hertfordshire SEND Mediation Service"),
        Attendees:
        [
            new Attendee("Siân O'Brien-Núñez", "Parent"),
            new Attendee("Rachel Green", "SENCo, Oakfield Primary School"),
            new Attendee("Marcus Bell", "SEN officer, Hertfordshire County Council"),
        ],
        Agenda: ["Introductions and purpose of the meeting", "Zoë's progress since the last review", "Changes to Section F", "Next steps"],
        PointsDiscussed:
        [
            "Zoë has settled well in Year 5 and enjoys her small-group reading sessions.",
            "Siân would like more speech and language therapy; the school will ask the therapist for advice.",
        ],
        ActionPoints:
        [
            new ActionPoint("Ask the speech and language therapist for updated advice", "Rachel Green", TestCalendars.D("2026-02-25")),
            new ActionPoint("Send the review report to everyone who attended", "Marcus Bell", TestCalendars.D("2026-02-25")),
        ],
        Verification: new DocumentVerification("M4RX-T7QD-2KWN", "https://portal.example.org.uk/verify/M4RX-T7QD-2KWN"));
}
