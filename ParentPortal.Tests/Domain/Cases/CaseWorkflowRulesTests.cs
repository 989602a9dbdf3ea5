using ParentPortal.Domain.Cases;

namespace ParentPortal.Tests.Domain.Cases;

/// <summary>
/// Issue 12 item 15: no case sticks where nobody can move it. From every stage a route can reach, the case can close (with a
/// reason, see <c>ChangeStageHandler</c>). Before, a case at "Agreement recorded" could only wait for every signature.
/// </summary>
public sealed class CaseWorkflowRulesTests
{
    public static TheoryData<string> Routes => [CaseWorkflow.Sen, CaseWorkflow.Bullying, CaseWorkflow.Facilitation];

    [Theory]
    [MemberData(nameof(Routes))]
    public void EveryStageARouteReaches_CanClose(string route)
    {
        var reached = Reachable(route);

        Assert.Contains(CaseStage.Closed, reached);
        Assert.All(reached.Where(s => s != CaseStage.Closed), stage =>
            Assert.True(CaseWorkflow.CanMove(route, stage, CaseStage.Closed), $"A {route} case at {stage} cannot be closed."));
    }

    [Theory]
    [InlineData(CaseWorkflow.Sen)]
    [InlineData(CaseWorkflow.Bullying)]
    public void AnAgreementNobodySigns_LeavesRecorded_AndCanBeWrittenAgain(string route)
    {
        Assert.True(CaseWorkflow.CanMove(route, CaseStage.AgreementRecorded, CaseStage.AgreementNotSigned));
        Assert.True(CaseWorkflow.CanMove(route, CaseStage.AgreementNotSigned, CaseStage.AgreementRecorded));
        Assert.True(CaseWorkflow.IsReachedByAction(CaseStage.AgreementNotSigned));
        Assert.Equal("Agreement not signed", CaseWorkflow.Describe(CaseStage.AgreementNotSigned));
    }

    [Fact]
    public void AfterAnUnsignedSenAgreement_TheCertificateCanStillBeIssued() =>
        Assert.True(CaseWorkflow.CanMove(CaseWorkflow.Sen, CaseStage.AgreementNotSigned, CaseStage.CertificateIssued));

    private static HashSet<CaseStage> Reachable(string route)
    {
        var seen = new HashSet<CaseStage> { CaseStage.New };
        var queue = new Queue<CaseStage>([CaseStage.New]);
        while (queue.TryDequeue(out var stage))
        {
            foreach (var next in CaseWorkflow.NextStages(route, stage).Where(seen.Add))
            {
                queue.Enqueue(next);
            }
        }

        return seen;
    }
}
