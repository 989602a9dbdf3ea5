using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Tests.Domain.Triage;

public sealed class SenFactsTests
{
    [Theory]
    [InlineData("refusal-to-assess", null, AgreedMatter.Assessment)]
    [InlineData("refusal-to-reassess", null, AgreedMatter.Assessment)]
    [InlineData("refusal-to-issue-plan", null, AgreedMatter.NewPlan)]
    [InlineData("plan-contents", "section-b,section-f", AgreedMatter.PlanChanges)]
    [InlineData("refusal-to-amend", null, AgreedMatter.PlanChanges)]
    [InlineData("cease-to-maintain", null, AgreedMatter.KeepPlan)]
    // Health and social care sections alone cannot be appealed: the 2 weeks of reg 42 apply.
    [InlineData("plan-contents", "health,social-care", AgreedMatter.Other)]
    [InlineData("something-else", null, AgreedMatter.Other)]
    public void TheMatterOfAnAgreement_FollowsTheDecisionDisagreedWith(string decision, string? parts, AgreedMatter expected)
    {
        var values = new Dictionary<string, string> { [AnswerKeys.Route] = AnswerKeys.Sen, [AnswerKeys.SenDecision] = decision };
        if (parts is not null)
        {
            values[AnswerKeys.SenDisputedParts] = parts;
        }

        Assert.Equal(expected, SenFacts.MatterOfAgreement(TriageAnswers.From(values)));
    }

    [Theory]
    [InlineData(AnswerKeys.Bullying)]
    [InlineData(AnswerKeys.Facilitation)]
    public void OtherRoutes_AreNotAppealableMatters(string route) =>
        Assert.Equal(AgreedMatter.Other, SenFacts.MatterOfAgreement(TriageAnswers.From(new Dictionary<string, string> { [AnswerKeys.Route] = route })));
}
