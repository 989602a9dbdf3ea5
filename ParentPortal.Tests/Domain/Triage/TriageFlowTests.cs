using ParentPortal.Domain.Triage;
using static ParentPortal.Tests.Domain.Triage.TriageFixtures;

namespace ParentPortal.Tests.Domain.Triage;

public sealed class TriageFlowTests
{
    [Fact]
    public void EachRoute_WithEveryPageAnswered_IsComplete()
    {
        Assert.True(TriageFlow.IsComplete(Build(SenPages()), Context));
        Assert.True(TriageFlow.IsComplete(Build(BullyingPages()), Context));
        Assert.True(TriageFlow.IsComplete(Build(FacilitationPages()), Context));
    }

    [Fact]
    public void AnEmptyDraft_StartsAtTheFirstQuestion() =>
        Assert.Equal("route", TriageFlow.FirstIncomplete(TriageAnswers.Empty, Context)!.Key);

    [Fact]
    public void Sen_PlanContents_AsksWhichParts_OtherDecisionsDoNot()
    {
        var planContents = Build(new Dictionary<string, Dictionary<string, string?>> { ["route"] = new() { ["route"] = "sen" }, ["sen-decision"] = new() { ["sen-decision"] = "plan-contents" } });
        var refusal = Build(new Dictionary<string, Dictionary<string, string?>> { ["route"] = new() { ["route"] = "sen" }, ["sen-decision"] = new() { ["sen-decision"] = "refusal-to-assess" } });

        Assert.Contains(TriageFlow.Steps(planContents), s => s.Key == "sen-disputed-parts");
        Assert.DoesNotContain(TriageFlow.Steps(refusal), s => s.Key == "sen-disputed-parts");
    }

    [Fact]
    public void Sen_SomethingElse_HasNoLetterDateOrAppealQuestion()
    {
        var answers = Build(new Dictionary<string, Dictionary<string, string?>> { ["route"] = new() { ["route"] = "sen" }, ["sen-decision"] = new() { ["sen-decision"] = "something-else" } });

        var keys = TriageFlow.Steps(answers).Select(s => s.Key).ToList();
        Assert.DoesNotContain("sen-letter-date", keys);
        Assert.DoesNotContain("sen-appeal", keys);
        Assert.Contains("sen-mediation", keys);
    }

    [Fact]
    public void Sen_SectionIOnly_DoesNotOfferCertificateOnly_BecauseNoneIsNeeded()
    {
        var answers = Build(new Dictionary<string, Dictionary<string, string?>>
        {
            ["route"] = new() { ["route"] = "sen" },
            ["sen-decision"] = new() { ["sen-decision"] = "plan-contents" },
            ["sen-disputed-parts"] = new() { ["sen-disputed-parts"] = "section-i" },
        });

        var options = TriageQuestions.Find("sen-mediation")!.Fields[0].Options(answers, Context).Select(o => o.Value);
        Assert.DoesNotContain("certificate-only", options);
    }

    [Fact]
    public void Sen_ChangingToSectionIOnly_MakesTheCertificateOnlyAnswerNeedAnsweringAgain()
    {
        var pages = SenPages().ToDictionary();
        pages["sen-decision"] = new() { ["sen-decision"] = "plan-contents" };
        pages["sen-disputed-parts"] = new() { ["sen-disputed-parts"] = "section-f,section-i" };
        pages["sen-mediation"] = new() { ["sen-mediation"] = "certificate-only" };
        var answers = Build(pages);
        Assert.True(TriageFlow.IsComplete(answers, Context));

        var changed = answers.WithStep("sen-disputed-parts", new Dictionary<string, string?> { ["sen-disputed-parts"] = "section-i" });

        Assert.Equal("sen-mediation", TriageFlow.FirstIncomplete(changed, Context)!.Key);
    }

    [Fact]
    public void OutsideTheArea_StopsTheJourney()
    {
        var answers = Build(new Dictionary<string, Dictionary<string, string?>> { ["route"] = new() { ["route"] = "sen" }, ["local-authority"] = new() { ["local-authority"] = "other" } });

        Assert.Equal("outside-area", TriageFlow.StoppedAt(answers)!.Key);
        Assert.False(TriageFlow.IsComplete(answers, Context));
        Assert.Equal("outside-area", TriageFlow.Steps(answers)[^1].Key);
    }

    [Fact]
    public void Bullying_ProcedureNotFinished_SaysWhatToDoFirst_AndCanStopThere()
    {
        var pages = new Dictionary<string, Dictionary<string, string?>>
        {
            ["route"] = new() { ["route"] = "bullying" },
            ["bullying-stages"] = new() { ["bullying-stages"] = "informal", ["bullying-informal-date"] = "2026-10-01" },
        };
        var answers = Build(pages);
        Assert.Equal("bullying-not-finished", TriageFlow.Next(answers, "bullying-stages")!.Key);

        var comingBack = answers.WithStep("bullying-not-finished", new Dictionary<string, string?> { ["bullying-next"] = "come-back" });
        var talkingNow = answers.WithStep("bullying-not-finished", new Dictionary<string, string?> { ["bullying-next"] = "talk-now" });

        Assert.Equal("bullying-not-finished", TriageFlow.StoppedAt(comingBack)!.Key);
        Assert.Null(TriageFlow.StoppedAt(talkingNow));
        Assert.Equal("bullying-outcome", TriageFlow.Next(talkingNow, "bullying-not-finished")!.Key);
    }

    [Fact]
    public void Bullying_ReferredByTheSchool_SkipsTheNotFinishedPage()
    {
        var answers = Build(new Dictionary<string, Dictionary<string, string?>>
        {
            ["route"] = new() { ["route"] = "bullying" },
            ["applicant"] = new() { ["applicant"] = "professional", ["referrer-name"] = "Dana Shaw", ["applicant-role"] = "Deputy head", ["professional-type"] = "school", ["family-consent"] = "yes" },
            ["bullying-stages"] = new() { ["bullying-stages"] = "informal", ["bullying-informal-date"] = "2026-10-01" },
        });

        Assert.DoesNotContain(TriageFlow.Steps(answers), s => s.Key == "bullying-not-finished");
    }

    [Fact]
    public void Prune_DropsAnswersFromARouteNoLongerTaken()
    {
        var answers = Build(SenPages()).WithStep("meeting-type", new Dictionary<string, string?> { ["meeting-type"] = "annual-review" });

        var pruned = TriageFlow.Prune(answers);

        Assert.Null(pruned["meeting-type"]);
        Assert.Equal("refusal-to-assess", pruned["sen-decision"]);
        Assert.True(TriageFlow.IsComplete(pruned, Context));
    }

    [Fact]
    public void BackAndNext_FollowTheRoute()
    {
        var answers = Build(FacilitationPages());

        Assert.Equal("meeting-date", TriageFlow.Next(answers, "meeting-type")!.Key);
        Assert.Equal("meeting-type", TriageFlow.Previous(answers, "meeting-date")!.Key);
        Assert.Null(TriageFlow.Previous(answers, "route"));
        Assert.Null(TriageFlow.Next(answers, "consent"));
    }

    [Fact]
    public void Answers_RoundTripThroughJson()
    {
        var answers = Build(SenPages());

        var again = TriageAnswers.FromJson(answers.ToJson());

        Assert.Equal(answers.Values.OrderBy(v => v.Key), again.Values.OrderBy(v => v.Key));
        Assert.Equal(answers.CompletedSteps.Order(), again.CompletedSteps.Order());
    }

    [Fact]
    public void EveryQuestion_IsNeutralAboutMediation()
    {
        string[] pressure = ["should try mediation", "recommend", "you must have mediation", "best option", "strongly"];
        var texts = TriageQuestions.All.SelectMany(s => new[] { s.Title, s.Hint }.Concat(s.Fields.SelectMany(f =>
            new[] { f.Label, f.Hint }.Concat(f.Options(Build(SenPages()), Context).SelectMany(o => new[] { o.Label, o.Hint })))));

        Assert.DoesNotContain(texts.OfType<string>(), t => pressure.Any(p => t.Contains(p, StringComparison.OrdinalIgnoreCase)));
    }
}
