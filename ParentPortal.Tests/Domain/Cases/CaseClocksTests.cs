using ParentPortal.Domain.Cases;
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
}
