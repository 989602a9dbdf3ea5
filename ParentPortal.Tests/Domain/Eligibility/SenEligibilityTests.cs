using ParentPortal.Domain.Eligibility;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Eligibility;

public class SenEligibilityTests
{
    [Theory]
    [InlineData(SenDecision.RefusalToAssess, "a refusal to carry out an EHC needs assessment")]
    [InlineData(SenDecision.RefusalToIssuePlan, "a refusal to issue an EHC plan after an assessment")]
    [InlineData(SenDecision.PlanContents, "the contents of an EHC plan")]
    [InlineData(SenDecision.RefusalToReassess, "a refusal to carry out a re-assessment")]
    [InlineData(SenDecision.RefusalToAmendAfterReview, "a refusal to amend or replace an EHC plan after a review or re-assessment")]
    [InlineData(SenDecision.DecisionToCeaseToMaintain, "a decision to stop maintaining an EHC plan")]
    public void Assess_AppealableDecision_NeedsAMediationCertificate(SenDecision decision, string described)
    {
        var input = new SenEligibilityInput(decision, DisputedParts.None, D("2026-01-20"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.Equal(SenRoute.AppealAfterMediationAdvice, result.Route);
        Assert.True(result.IsAppealable);
        Assert.True(result.CertificateNeededBeforeAppeal);
        Assert.Equal(
            $"You can appeal to the tribunal against {described}, and before appealing you need a mediation certificate, which you get by contacting the mediation adviser (Children and Families Act 2014, section 55).",
            result.Reason);
        Assert.Contains("you get a certificate either way", string.Join(" ", result.Explanations), StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_SomethingElse_IsNotAppealableButOffersVoluntaryDisagreementResolution()
    {
        var input = new SenEligibilityInput(SenDecision.SomethingElse, DisputedParts.None, D("2026-06-01"), D("2026-01-16"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.Equal(SenRoute.DisagreementResolution, result.Route);
        Assert.False(result.IsAppealable);
        Assert.False(result.CertificateNeededBeforeAppeal);
        Assert.False(result.DeadlineHasPassed);
        Assert.Null(result.ContactMediationAdviserBy);
        Assert.Null(result.AppealBy);
        Assert.Contains("independent disagreement resolution is available, and it is voluntary for everyone involved", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_PlanContentsOnlyAboutSectionI_NeedsNoCertificate()
    {
        var input = new SenEligibilityInput(SenDecision.PlanContents, DisputedParts.SectionI, D("2026-01-20"), D("2026-01-16"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.Equal(SenRoute.AppealWithoutCertificate, result.Route);
        Assert.True(result.IsAppealable);
        Assert.False(result.CertificateNeededBeforeAppeal);
        Assert.Null(result.ContactMediationAdviserBy);
        Assert.Equal(D("2026-03-16"), result.AppealBy!.Date);
        Assert.Contains("an appeal only about Section I does not need a mediation certificate", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DisputedParts.SectionI | DisputedParts.SectionB)]
    [InlineData(DisputedParts.SectionI | DisputedParts.SectionF)]
    [InlineData(DisputedParts.SectionI | DisputedParts.Health)]
    [InlineData(DisputedParts.SectionI | DisputedParts.SocialCare)]
    public void Assess_SectionITogetherWithAnotherPart_NeedsACertificate(DisputedParts parts)
    {
        var input = new SenEligibilityInput(SenDecision.PlanContents, parts, D("2026-01-20"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.True(result.CertificateNeededBeforeAppeal);
        Assert.Contains("The appeal is about more than Section I, so the exemption for appeals only about Section I does not apply.", Texts(result.Explanations));
    }

    [Theory]
    [InlineData(SenDecision.RefusalToAmendAfterReview)]
    [InlineData(SenDecision.RefusalToAssess)]
    public void Assess_SectionIOnOtherDecisions_StillNeedsACertificate(SenDecision decision)
    {
        var input = new SenEligibilityInput(decision, DisputedParts.SectionI, D("2026-01-20"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.True(result.CertificateNeededBeforeAppeal);
    }

    [Theory]
    [InlineData(DisputedParts.Health)]
    [InlineData(DisputedParts.SocialCare)]
    [InlineData(DisputedParts.Health | DisputedParts.SocialCare)]
    public void Assess_OnlyHealthOrSocialCare_CannotBeAppealedButCanBeMediated(DisputedParts parts)
    {
        var input = new SenEligibilityInput(SenDecision.PlanContents, parts, D("2026-01-20"), D("2026-01-16"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.False(result.IsAppealable);
        Assert.True(result.HealthOrSocialCareInDispute);
        Assert.Equal(SenRoute.DisagreementResolution, result.Route);
        Assert.Contains("cannot be appealed on their own, but they can be mediated", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WithHealthAlongsideEducation_ExplainsHealthAndSocialCareCanBeMediatedAndRaised()
    {
        var input = new SenEligibilityInput(SenDecision.PlanContents, DisputedParts.SectionF | DisputedParts.Health, D("2026-01-20"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.True(result.IsAppealable);
        Assert.True(result.HealthOrSocialCareInDispute);
        Assert.Contains(Texts(result.Explanations), e => e.StartsWith("Health and social care needs and provision can be included in mediation", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_BeforeTheTwoMonthsEnd_GivesTheDateToContactTheAdviser()
    {
        var input = new SenEligibilityInput(SenDecision.RefusalToAssess, DisputedParts.None, D("2026-03-16"), D("2026-01-16"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.False(result.DeadlineHasPassed);
        Assert.Equal(D("2026-03-16"), result.ContactMediationAdviserBy!.Date);
        Assert.Contains("The 2 calendar months to contact the mediation adviser run until Monday 16 March 2026.", Texts(result.Explanations));
    }

    [Fact]
    public void Assess_AfterTheTwoMonthsEnd_ExplainsLateAppealsAndIsNotADeadEnd()
    {
        var input = new SenEligibilityInput(SenDecision.RefusalToAssess, DisputedParts.None, D("2026-03-17"), D("2026-01-16"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.True(result.DeadlineHasPassed);
        Assert.True(result.IsAppealable);
        Assert.Contains(
            "The 2 calendar months to contact the mediation adviser ended on Monday 16 March 2026, but this is not necessarily the end: if you already have a mediation certificate you have 1 month from its date to appeal, "
            + "and the tribunal can accept a late appeal in some circumstances, so contact the mediation adviser or the tribunal to ask.",
            Texts(result.Explanations));
    }

    [Fact]
    public void Assess_SectionIOnlyInAugust_UsesTheRolledOverAppealDateNotTheTwoMonths()
    {
        // 10 June + 2 months = 10 August, which rolls to Tuesday 1 September 2026; on 20 August there is still time.
        var input = new SenEligibilityInput(SenDecision.PlanContents, DisputedParts.SectionI, D("2026-08-20"), D("2026-06-10"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.False(result.DeadlineHasPassed);
        Assert.Equal(D("2026-09-01"), result.AppealBy!.Date);
        Assert.Contains("The appeal needs to reach the tribunal by 5pm on Tuesday 1 September 2026.", Texts(result.Explanations));
    }

    [Fact]
    public void Assess_SectionIOnlyAfterTheAppealDate_ExplainsLateAppeals()
    {
        var input = new SenEligibilityInput(SenDecision.PlanContents, DisputedParts.SectionI, D("2026-09-02"), D("2026-06-10"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.True(result.DeadlineHasPassed);
        Assert.Contains(Texts(result.Explanations), e => e.Contains("the tribunal can accept a late appeal in some circumstances", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_WithoutLetterDate_AsksForIt()
    {
        var input = new SenEligibilityInput(SenDecision.DecisionToCeaseToMaintain, DisputedParts.None, D("2026-03-17"));

        var result = SenEligibility.Assess(input, Calculator);

        Assert.False(result.DeadlineHasPassed);
        Assert.Null(result.ContactMediationAdviserBy);
        Assert.Contains(Texts(result.Explanations), e => e.EndsWith("enter it to see the deadline.", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Texts(IEnumerable<ParentPortal.Domain.Text.Wording> wordings) => [.. wordings.Select(w => w.English)];
}
