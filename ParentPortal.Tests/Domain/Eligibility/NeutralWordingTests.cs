using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Eligibility;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Eligibility;

/// <summary>Information about mediation must be neutral: nothing may push a parent towards or away from it.</summary>
public class NeutralWordingTests
{
    private static readonly string[] PressurePhrases =
    [
        "must attend mediation", "must go to mediation", "have to attend mediation", "have to mediate", "must mediate",
        "should mediate", "should try mediation", "should use mediation", "should choose mediation", "should not mediate",
        "recommend mediation", "we recommend", "recommended", "mediation is the best", "mediation is better", "better than mediation",
        "better than appealing", "better to appeal", "should appeal", "you should", "no need for mediation", "don't need mediation",
        "do not need mediation", "avoid mediation", "skip mediation", "waste of time", "strongly", "best option",
    ];

    [Fact]
    public void FindPressure_OnAPressuringSentence_FindsIt()
    {
        Assert.Equal(["should try mediation", "you should"], FindPressure("You should try mediation first."));
        Assert.Equal(["we recommend", "recommended"], FindPressure("We recommended it; we recommend it."));
        Assert.Empty(FindPressure("You decide whether to have mediation."));
    }

    [Fact]
    public void EverySenEligibilityText_IsNeutral()
    {
        var texts = new List<string>();
        foreach (var decision in Enum.GetValues<SenDecision>())
        {
            for (var parts = 0; parts < 32; parts++)
            {
                foreach (var letter in new DateOnly?[] { null, D("2026-01-16"), D("2026-06-10") })
                {
                    foreach (var today in new[] { D("2026-02-01"), D("2026-12-01") })
                    {
                        var result = SenEligibility.Assess(new SenEligibilityInput(decision, (DisputedParts)parts, today, letter), Calculator);
                        texts.Add(result.Reason);
                        texts.AddRange(result.Explanations.Select(e => e.English));
                        texts.AddRange(DeadlineTexts(result.ContactMediationAdviserBy, result.AppealBy));
                    }
                }
            }
        }

        AssertAllNeutral(texts);
    }

    [Fact]
    public void EveryBullyingEligibilityText_IsNeutral()
    {
        var texts = new List<string>();
        var stages = Enum.GetValues<ComplaintStage>();
        for (var subset = 0; subset < 1 << stages.Length; subset++)
        {
            var done = stages.Where((_, i) => (subset & (1 << i)) != 0).Select(s => new CompletedComplaintStage(s)).ToArray();
            foreach (var racist in new[] { true, false })
            {
                foreach (var referred in new[] { true, false })
                {
                    var result = BullyingEligibility.Assess(new BullyingEligibilityInput(done, racist, referred));
                    texts.Add(result.Reason);
                    texts.AddRange(result.StepsFirst);
                    texts.AddRange(result.Explanations);
                }
            }
        }

        AssertAllNeutral(texts);
    }

    [Fact]
    public void EveryFacilitationText_IsNeutral()
    {
        var texts = new List<string>();
        foreach (var type in Enum.GetValues<MeetingType>())
        {
            foreach (var meeting in new DateOnly?[] { null, D("2026-04-17") })
            {
                foreach (var sent in new DateOnly?[] { null, D("2026-03-20") })
                {
                    foreach (var today in new[] { D("2026-03-01"), D("2026-04-10"), D("2026-05-01") })
                    {
                        var result = FacilitationEligibility.Assess(new FacilitationInput(type, today, meeting, sent), Calculator);
                        texts.Add(result.Reason);
                        texts.AddRange(result.Explanations);
                        texts.AddRange(DeadlineTexts(result.NoticeBy, result.PapersBy, result.ReportBy, result.CommentsBy));
                    }
                }
            }
        }

        AssertAllNeutral(texts);
    }

    [Fact]
    public void EveryDeadlineText_IsNeutral()
    {
        var calculator = Calculator;
        var texts = new List<string>();
        foreach (var date in new[] { D("2021-10-25"), D("2026-01-15"), D("2026-02-03"), D("2026-06-10"), D("2031-02-11") })
        {
            texts.AddRange(DeadlineTexts(
                calculator.ContactMediationAdviserBy(date),
                calculator.AppealBy(date),
                calculator.AppealBy(date, date.AddDays(40)),
                calculator.CertificateDueBy(date),
                calculator.MediationHeldBy(date),
                calculator.MediationNoticeBy(date),
                calculator.HealthReferralBy(date),
                calculator.AgreedActionsBy(date),
                calculator.AnnualReviewNoticeBy(date),
                calculator.AnnualReviewPapersBy(date),
                calculator.AnnualReviewReportBy(date),
                calculator.DraftPlanCommentsBy(date)));
            texts.AddRange(Enum.GetValues<CertificateTrigger>().Select(t => calculator.CertificateDueBy(date, t).Reason.English));
            texts.Add(calculator.CheckMediationNotice(date.AddDays(-2), date).Explanation);
            texts.Add(calculator.CheckMediationNotice(date.AddDays(-20), date).Explanation);
            texts.Add(calculator.CheckHealthReferral(date, date.AddDays(10)).Explanation);
        }

        AssertAllNeutral(texts);
    }

    private static IEnumerable<string> DeadlineTexts(params Deadline?[] deadlines) =>
        deadlines.OfType<Deadline>().SelectMany(d => d.Warnings.Select(w => w.English).Prepend(d.Reason.English));

    private static void AssertAllNeutral(List<string> texts)
    {
        Assert.NotEmpty(texts);
        Assert.All(texts, text =>
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.Empty(FindPressure(text));
        });
    }

    private static List<string> FindPressure(string text) =>
        [.. PressurePhrases.Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase))];
}
