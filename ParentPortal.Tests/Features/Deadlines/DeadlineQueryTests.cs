using Microsoft.Extensions.Primitives;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Features.Deadlines;

namespace ParentPortal.Tests.Features.Deadlines;

public sealed class DeadlineQueryTests
{
    [Fact]
    public void Parse_EmptyFormFields_AreTreatedAsNotGiven()
    {
        var result = DeadlineQuery.Parse(Query(("decisionLetterSent", "2026-03-13"), ("certificateIssued", ""), ("certificateTrigger", "")));

        Assert.Empty(result.Errors);
        Assert.Equal(new DateOnly(2026, 3, 13), result.Input!.DecisionLetterSent);
        Assert.Null(result.Input.CertificateIssued);
    }

    [Fact]
    public void Parse_KeepsWhatWasTyped_SoTheFormCanShowItBack()
    {
        var result = DeadlineQuery.Parse(Query(("decisionLetterSent", "2026-02-30")));

        Assert.Null(result.Input);
        Assert.Equal("2026-02-30", result.Raw(DeadlineParameters.DecisionLetterSent));
        Assert.Equal("The date the decision letter was sent must be a real date, written as year-month-day, for example 2026-03-27", result.ErrorFor(DeadlineParameters.DecisionLetterSent));
    }

    [Fact]
    public void Parse_GivesAtMostOneMessagePerParameter_InPageOrder()
    {
        var result = DeadlineQuery.Parse(Query(("laToldOfMediationOn", "x"), ("certificateIssued", "y"), ("decisionLetterSent", "z")));

        Assert.Equal([DeadlineParameters.DecisionLetterSent, DeadlineParameters.CertificateIssued, DeadlineParameters.LaToldOfMediationOn], result.Errors.Select(e => e.Parameter));
    }

    [Fact]
    public void Parse_AnUnknownCertificateTrigger_IsRefused()
    {
        var result = DeadlineQuery.Parse(Query(("certificateTriggeredOn", "2026-03-13"), ("certificateTrigger", "somethingElse")));

        Assert.Equal("Select what started the certificate's 3 working days", result.ErrorFor(DeadlineQuery.CertificateTriggerParameter));
    }

    [Fact]
    public void Parse_AVeryLongValue_IsRefusedAndNotEchoedInFull()
    {
        var result = DeadlineQuery.Parse(Query(("decisionLetterSent", new string('9', 10_000))));

        Assert.NotNull(result.ErrorFor(DeadlineParameters.DecisionLetterSent));
        Assert.True(result.Raw(DeadlineParameters.DecisionLetterSent).Length <= 40);
    }

    private static Dictionary<string, StringValues> Query(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => new StringValues(p.Value));
}
