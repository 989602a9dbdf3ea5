using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ParentPortal.Components.Questions;
using ParentPortal.Domain.Triage;
using ParentPortal.Tests.Domain.Triage;

namespace ParentPortal.Tests.Components.Questions;

/// <summary>A question page's answers read from its posted form, as a browser without scripts sends them.</summary>
public sealed class PostedAnswersTests
{
    private static Dictionary<string, string?> Read(string stepKey, Dictionary<string, StringValues> form) =>
        PostedAnswers.Read(TriageQuestions.Find(stepKey)!, new FormCollection(form), TriageAnswers.Empty, TriageFixtures.Context);

    [Fact]
    public void ADate_IsItsThreeBoxes_AsTyped_AndAnImpossibleOneIsKeptForTheValidatorToRefuse()
    {
        Assert.Equal("2015-03-07", Read("child-date-of-birth", new() { ["child-date-of-birth-day"] = " 7 ", ["child-date-of-birth-month"] = "03", ["child-date-of-birth-year"] = "2015" })["child-date-of-birth"]);
        Assert.Equal("2015-2-31", Read("child-date-of-birth", new() { ["child-date-of-birth-day"] = "31", ["child-date-of-birth-month"] = "2", ["child-date-of-birth-year"] = "2015" })["child-date-of-birth"]);
        Assert.Null(Read("child-date-of-birth", [])["child-date-of-birth"]);
    }

    [Fact]
    public void TickedCheckboxes_AreJoinedInThePagesOrder_WithAnythingUnknownLeftForTheValidator()
    {
        var values = Read("sen-disputed-parts", new() { ["sen-disputed-parts"] = new(["section-i", "section-f", "section-f", "made-up"]) });

        Assert.Equal("section-f,section-i,made-up", values["sen-disputed-parts"]);
        Assert.Null(Read("sen-disputed-parts", [])["sen-disputed-parts"]);
    }

    [Fact]
    public void OnlyThePagesQuestionsAreRead_RevealedOnesToo_NotTheTokenOrTheFormsName()
    {
        var values = Read("language", new()
        {
            ["language"] = "other",
            ["language-other"] = "Polish",
            ["__RequestVerificationToken"] = "token",
            ["_handler"] = "step",
        });

        Assert.Equal("other", values["language"]);
        Assert.Equal("Polish", values["language-other"]);
        Assert.DoesNotContain("_handler", values.Keys);
        Assert.DoesNotContain("__RequestVerificationToken", values.Keys);
        Assert.True(StepValidator.Validate(TriageQuestions.Find("language")!, values, TriageAnswers.Empty, TriageFixtures.Context).Errors.All(e => e.FieldKey != StepValidator.PageErrorKey));
    }
}
