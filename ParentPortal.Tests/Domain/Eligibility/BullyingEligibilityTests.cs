using ParentPortal.Domain.Eligibility;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Eligibility;

public class BullyingEligibilityTests
{
    private const string Informal = "Raise your concerns informally with your child's class teacher or form tutor.";
    private const string Formal = "Make a formal complaint in writing to the headteacher, following the school's complaints procedure.";
    private const string Panel = "Ask for your complaint to be heard by a panel of the school's governing board, the final stage of the procedure.";

    [Fact]
    public void Assess_WhenThePanelStageIsComplete_IsEligibleAndStartsWithTelephoneSupport()
    {
        var stages = new[]
        {
            new CompletedComplaintStage(ComplaintStage.RaisedInformallyWithTeacher, D("2026-01-12")),
            new CompletedComplaintStage(ComplaintStage.FormalComplaintToHeadteacher, D("2026-02-02")),
            new CompletedComplaintStage(ComplaintStage.GoverningBoardPanel, D("2026-03-09")),
        };

        var result = BullyingEligibility.Assess(new BullyingEligibilityInput(stages, RacistIncidents: false));

        Assert.True(result.IsEligible);
        Assert.Empty(result.StepsFirst);
        Assert.False(result.OfferMinorityEthnicAdvocacy);
        Assert.Contains("the first step is telephone support from the helpline", result.Reason, StringComparison.Ordinal);
        Assert.Contains("more complex cases can go on to full mediation", result.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<ComplaintStage[], string[]> Unfinished => new()
    {
        { [], [Informal, Formal, Panel] },
        { [ComplaintStage.RaisedInformallyWithTeacher], [Formal, Panel] },
        { [ComplaintStage.RaisedInformallyWithTeacher, ComplaintStage.FormalComplaintToHeadteacher], [Panel] },
        { [ComplaintStage.FormalComplaintToHeadteacher], [Panel] },
    };

    [Theory]
    [MemberData(nameof(Unfinished))]
    public void Assess_BeforeTheFinalStage_ListsTheRemainingStepsInOrder(ComplaintStage[] done, string[] expectedSteps)
    {
        var input = new BullyingEligibilityInput([.. done.Select(s => new CompletedComplaintStage(s))], RacistIncidents: false);

        var result = BullyingEligibility.Assess(input);

        Assert.False(result.IsEligible);
        Assert.Equal(expectedSteps, result.StepsFirst);
        Assert.Contains("the first step is to finish that procedure", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WhenTheSchoolRefers_IsEligibleWithoutThePanelStage()
    {
        var result = BullyingEligibility.Assess(new BullyingEligibilityInput([], RacistIncidents: false, ReferredBySchool: true));

        Assert.True(result.IsEligible);
        Assert.Empty(result.StepsFirst);
        Assert.StartsWith("The school has referred the case", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Assess_WithRacistIncidents_OffersTheAdvocacyServiceWhetherOrNotEligible(bool panelDone)
    {
        CompletedComplaintStage[] stages = panelDone ? [new(ComplaintStage.GoverningBoardPanel)] : [];

        var result = BullyingEligibility.Assess(new BullyingEligibilityInput(stages, RacistIncidents: true));

        Assert.True(result.OfferMinorityEthnicAdvocacy);
        Assert.Contains(result.Explanations, e => e.Contains("separate advocacy service for minority ethnic parents", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_Always_SaysThereIsNoStatutoryClock()
    {
        var result = BullyingEligibility.Assess(new BullyingEligibilityInput([], RacistIncidents: false));

        Assert.Contains(result.Explanations, e => e.StartsWith("There is no legal time limit for this route", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Explanations, e => e.Contains("advocacy", StringComparison.Ordinal));
    }
}
