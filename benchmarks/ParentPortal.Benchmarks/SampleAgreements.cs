using System.Globalization;
using ParentPortal.Features.Documents.Models;

namespace ParentPortal.Benchmarks;

/// <summary>A mediation agreement with many agreed actions (7 pages with 60), as the size target is set for.</summary>
internal static class SampleAgreements
{
    public static MediationAgreement Make(int actions)
    {
        var date = new DateOnly(2026, 3, 4);
        var due = date.AddDays(14);
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
            Actions: [.. Enumerable.Range(1, actions).Select(i => new AgreedAction(
                string.Create(CultureInfo.InvariantCulture, $"Action {i}: the SEN team will arrange a meeting with the school and Siân to review how the agreed support is working, and send everyone a note of it afterwards."),
                i % 3 == 0 ? "Siân O'Brien-Núñez" : i % 3 == 1 ? "Marcus Bell (local authority)" : "School SENCo",
                due.AddDays(i % 5)))],
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
}
