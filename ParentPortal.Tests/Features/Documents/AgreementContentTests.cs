using System.Security.Cryptography;
using System.Text;
using ParentPortal.Features.Documents;
using ParentPortal.Features.Documents.Models;

namespace ParentPortal.Tests.Features.Documents;

public sealed class AgreementContentTests
{
    private static readonly MediationAgreement Original = DocumentSamples.Agreement();

    // One change to each piece of content. A new property on MediationAgreement fails the coverage test below until it
    // is either hashed (and given a change here) or named as not content.
    public static TheoryData<string, MediationAgreement> EveryFieldChanged => new()
    {
        { nameof(MediationAgreement.Reference), Original with { Reference = "MA-2026-000319" } },
        { nameof(MediationAgreement.Organisation), Original with { Organisation = "Another mediation service" } },
        { nameof(MediationAgreement.MediationDate), Original with { MediationDate = Original.MediationDate.AddDays(1) } },
        { nameof(MediationAgreement.LocalAuthority), Original with { LocalAuthority = "Luton Borough Council" } },
        { nameof(MediationAgreement.School), Original with { School = "Hillside Primary" } },
        { nameof(MediationAgreement.ChildName), Original with { ChildName = null } },
        { nameof(MediationAgreement.ChildName) + " spelling", Original with { ChildName = "Zoe Ngozi Ọlá" } },
        { nameof(Attendee.Name), Original with { Attendees = Replace(Original.Attendees, 0, Original.Attendees[0] with { Name = "Sian O'Brien-Núñez" }) } },
        { nameof(Attendee.Role), Original with { Attendees = Replace(Original.Attendees, 2, Original.Attendees[2] with { Role = "Friend" }) } },
        { nameof(Attendee.IsParty), Original with { Attendees = Replace(Original.Attendees, 2, Original.Attendees[2] with { IsParty = true }) } },
        { nameof(Attendee.IsDecisionMaker), Original with { Attendees = Replace(Original.Attendees, 0, Original.Attendees[0] with { IsDecisionMaker = true }) } },
        { "attendee removed", Original with { Attendees = [.. Original.Attendees.Take(3)] } },
        { "attendees reordered", Original with { Attendees = [.. Original.Attendees.Reverse()] } },
        { nameof(MediationAgreement.Issues), Original with { Issues = [Original.Issues[0]] } },
        { "issue reworded", Original with { Issues = [Original.Issues[0], Original.Issues[1] + " "] } },
        { nameof(AgreedAction.What), Original with { Actions = Replace(Original.Actions, 1, Original.Actions[1] with { What = "The school will share the plan." }) } },
        { nameof(AgreedAction.Who), Original with { Actions = Replace(Original.Actions, 1, Original.Actions[1] with { Who = "Head teacher" }) } },
        { nameof(AgreedAction.By), Original with { Actions = Replace(Original.Actions, 1, Original.Actions[1] with { By = Original.Actions[1].By.AddDays(7) }) } },
        { "action added", Original with { Actions = [.. Original.Actions, DocumentSamples.Action(4, Original.MediationDate)] } },
        { "actions reordered", Original with { Actions = [.. Original.Actions.Reverse()] } },
        { nameof(MediationAgreement.MattersNotAgreed), Original with { MattersNotAgreed = [] } },
        { nameof(MediationAgreement.ConfidentialityStatement), Original with { ConfidentialityStatement = Original.ConfidentialityStatement.Replace("child's", "young person's", StringComparison.Ordinal) } },
        { "text moved between fields", Original with { Reference = Original.Reference + "\",\"organisation\":\"x", Organisation = "x" } },
    };

    [Fact]
    public void Hash_IsSha256OfTheCanonicalText_InLowercaseHex()
    {
        var hash = AgreementContent.Hash(Original);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AgreementContent.CanonicalText(Original)))), hash);
    }

    [Fact]
    public void CanonicalText_IsTheDocumentedCompactJson()
    {
        var small = Original with
        {
            Attendees = [Original.Attendees[1]],
            Issues = ["Line one\r\nline two"],
            Actions = [new AgreedAction("Write \"yes\"", "LA", new DateOnly(2026, 3, 18))],
            MattersNotAgreed = [],
            ConfidentialityStatement = "Confidential.",
        };

        Assert.Equal(
            "{\"format\":\"parentportal/mediation-agreement/v1\",\"reference\":\"MA-2026-000318\",\"organisation\":\"Hertfordshire SEND Mediation Service\","
            + "\"mediationDate\":\"2026-03-04\",\"localAuthority\":\"Hertfordshire County Council\",\"childName\":\"Zoë Ngozi Ọlá\","
            + "\"attendees\":[{\"name\":\"Marcus Bell\",\"role\":\"SEN team manager, Hertfordshire County Council\",\"isParty\":true,\"isDecisionMaker\":true}],"
            + "\"issues\":[\"Line one\\nline two\"],\"actions\":[{\"what\":\"Write \\\"yes\\\"\",\"who\":\"LA\",\"by\":\"2026-03-18\"}],"
            + "\"mattersNotAgreed\":[],\"confidentialityStatement\":\"Confidential.\"}",
            AgreementContent.CanonicalText(small));
    }

    [Fact]
    public void Hash_IsStable_ForAnEqualAgreementBuiltAgain()
    {
        Assert.Equal(AgreementContent.Hash(Original), AgreementContent.Hash(DocumentSamples.Agreement()));
    }

    [Theory]
    [MemberData(nameof(EveryFieldChanged))]
    public void Hash_Changes_WhenAnyContentChanges(string field, MediationAgreement changed)
    {
        Assert.NotEqual(AgreementContent.Hash(Original), AgreementContent.Hash(changed));
        Assert.False(string.IsNullOrEmpty(field));
    }

    [Fact]
    public void Hash_IgnoresSignaturesAndVerification_WhichAreAddedAfterSigning()
    {
        var signed = Original with
        {
            Signatures = [.. Original.Signatures.Select(s => s with { SignedAt = new DateTimeOffset(2026, 3, 7, 10, 0, 0, TimeSpan.Zero) })],
            Verification = new DocumentVerification("AAAA-BBBB-CCCC", "https://example.org/verify/AAAA-BBBB-CCCC"),
        };
        var unsigned = Original with { Signatures = [], Verification = null };

        Assert.Equal(AgreementContent.Hash(Original), AgreementContent.Hash(signed));
        Assert.Equal(AgreementContent.Hash(Original), AgreementContent.Hash(unsigned));
    }

    [Fact]
    public void Hash_TreatsComposedAndDecomposedTextAlike_AsThePdfPrintsThem()
    {
        var decomposed = Original with { ChildName = Original.ChildName!.Normalize(NormalizationForm.FormD) };

        Assert.NotEqual(Original.ChildName, decomposed.ChildName);
        Assert.Equal(AgreementContent.Hash(Original), AgreementContent.Hash(decomposed));
    }

    [Fact]
    public void EveryPropertyOfTheAgreement_IsEitherContentOrNamedAsNotContent()
    {
        // IsWithSchool is worked out from School, which is content.
        string[] notContent = [nameof(MediationAgreement.Signatures), nameof(MediationAgreement.Verification), nameof(MediationAgreement.IsWithSchool)];
        var covered = EveryFieldChanged.Select(row => ((string)row[0]).Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        var properties = typeof(MediationAgreement).GetProperties().Select(p => p.Name)
            .Concat(typeof(Attendee).GetProperties().Select(p => p.Name))
            .Concat(typeof(AgreedAction).GetProperties().Select(p => p.Name))
            .Except(notContent)
            .Except([nameof(MediationAgreement.Attendees), nameof(MediationAgreement.Actions)]);

        Assert.All(properties, p => Assert.Contains(p, covered));
    }

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, int index, T replacement) =>
        [.. items.Select((item, i) => i == index ? replacement : item)];
}
