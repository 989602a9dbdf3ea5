using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Cases;

/// <summary>Which clocks run from a case's facts.</summary>
public sealed class CaseClocksTests
{
    [Fact]
    public void AFamilyWhoChoseMediation_WaitsOnTellingTheLocalAuthority_ThenOnItsThirtyDays_NeverBoth()
    {
        var chosen = D("2026-03-02");
        var waiting = new CaseFacts(CaseWorkflow.Sen, CaseStage.MediationBeingArranged, MediationChosenOn: chosen);
        var told = waiting with { LaToldOfMediationOn = D("2026-03-04") };

        Assert.Equal([("tell-la", D("2026-03-05"))], CaseClocks.Running(waiting, Calculator).Select(c => (c.Key, c.Deadline.Date)));
        Assert.Equal([("mediation", D("2026-04-03"))], CaseClocks.Running(told, Calculator).Select(c => (c.Key, c.Deadline.Date)));
        Assert.Empty(CaseClocks.Running(waiting with { Route = CaseWorkflow.Bullying }, Calculator));
        Assert.Empty(CaseClocks.Running(told with { MeetingHeldOn = D("2026-03-20") }, Calculator));
        Assert.Empty(CaseClocks.Running(waiting with { Stage = CaseStage.Closed }, Calculator));
    }

    /// <summary>
    /// Issue 12 item 19: clocks that contradict each other never run together, whatever the facts. Failed before: a family who
    /// chose only the certificate and then mediation (or whose local authority could not arrange it after being told) had
    /// "Certificate due" and "Mediation to be arranged by" running side by side.
    /// </summary>
    [Fact]
    public void ClocksThatExcludeEachOther_NeverRunTogether_ForAnyFacts()
    {
        DateOnly? day = D("2026-03-02");
        var checkedFacts = 0;
        foreach (var route in new[] { CaseWorkflow.Sen, CaseWorkflow.Bullying, CaseWorkflow.Facilitation })
        foreach (var stage in Enum.GetValues<CaseStage>())
        foreach (var trigger in new CertificateTrigger?[] { null, CertificateTrigger.NotPursuingMediation, CertificateTrigger.LocalAuthorityCouldNotArrangeMediation, CertificateTrigger.MediationConcluded })
        foreach (var issued in new[] { false, true })
        foreach (var told in new[] { false, true })
        foreach (var chosen in new[] { false, true })
        foreach (var held in new[] { false, true })
        {
            var facts = new CaseFacts(route, stage,
                CertificateTriggeredOn: trigger is null ? null : day,
                CertificateTrigger: trigger,
                CertificateIssuedOn: issued ? day : null,
                LaToldOfMediationOn: told ? day : null,
                MediationChosenOn: chosen ? day : null,
                MeetingHeldOn: held ? day : null);
            var running = CaseClocks.Running(facts, Calculator).Select(c => c.Key).ToHashSet();
            foreach (var (first, second) in CaseClocks.ExcludingEachOther)
            {
                Assert.False(running.Contains(first) && running.Contains(second), $"{first} and {second} both run for {facts}");
            }

            checkedFacts++;
        }

        Assert.Equal(3 * Enum.GetValues<CaseStage>().Length * 4 * 16, checkedFacts);
        // Each pair is real: each clock of it does run for some facts.
        var sen = new CaseFacts(CaseWorkflow.Sen, CaseStage.MediationBeingArranged);
        Assert.Equal(["certificate"], CaseClocks.Running(sen with { CertificateTriggeredOn = day, CertificateTrigger = CertificateTrigger.NotPursuingMediation, MediationChosenOn = day }, Calculator).Select(c => c.Key));
        Assert.Equal(["tell-la"], CaseClocks.Running(sen with { MediationChosenOn = day }, Calculator).Select(c => c.Key));
        Assert.Equal(["mediation"], CaseClocks.Running(sen with { MediationChosenOn = day, LaToldOfMediationOn = day }, Calculator).Select(c => c.Key));
        Assert.Equal(["certificate"], CaseClocks.Running(sen with { LaToldOfMediationOn = day, CertificateTriggeredOn = day, CertificateTrigger = CertificateTrigger.LocalAuthorityCouldNotArrangeMediation }, Calculator).Select(c => c.Key));
    }

    /// <summary>Issue 13 item 6: an annual review's clocks (SEND Regulations 2014 reg 20) before and after the meeting.</summary>
    [Fact]
    public void AnAnnualReview_RunsThePapersClockBeforeTheMeeting_ThenTheReportAndTheLocalAuthoritysDecision()
    {
        var before = new CaseFacts(CaseWorkflow.Facilitation, CaseStage.MeetingScheduled, MeetingOn: D("2026-03-16"), NoticeGivenOn: D("2026-02-20"), AnnualReview: true);
        var after = before with { Stage = CaseStage.MeetingHeld, MeetingHeldOn = D("2026-03-17") };

        Assert.Equal([("papers", D("2026-03-02"), true)], CaseClocks.Running(before, Calculator).Select(c => (c.Key, c.Deadline.Date, c.StaffAction)));
        Assert.Equal(
            [("review-report", D("2026-03-31"), false), ("review-decision", D("2026-04-14"), false)],
            CaseClocks.Running(after, Calculator).Select(c => (c.Key, c.Deadline.Date, c.StaffAction)));
        Assert.Empty(CaseClocks.Running(after with { Stage = CaseStage.Closed }, Calculator));
        // Another kind of facilitated meeting has none of them; nor does a mediation.
        Assert.Empty(CaseClocks.Running(before with { AnnualReview = false, NoticeGivenOn = null }, Calculator));
        Assert.DoesNotContain(CaseClocks.Running(after with { Route = CaseWorkflow.Sen }, Calculator), c => c.Key.StartsWith("review", StringComparison.Ordinal));
    }

    [Fact]
    public void ADraftPlanDiscussion_ShowsTheFamilysDaysToComment_UntilTheMeetingIsHeld()
    {
        var facts = new CaseFacts(CaseWorkflow.Facilitation, CaseStage.New, DraftPlanSentOn: D("2026-03-02"));

        var clock = Assert.Single(CaseClocks.Running(facts, Calculator));
        Assert.Equal(("comments", D("2026-03-16"), false), (clock.Key, clock.Deadline.Date, clock.StaffAction));
        Assert.Empty(CaseClocks.Running(facts with { MeetingHeldOn = D("2026-03-10") }, Calculator));
    }
}
