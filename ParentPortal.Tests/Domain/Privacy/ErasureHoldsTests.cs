using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;

namespace ParentPortal.Tests.Domain.Privacy;

public sealed class ErasureHoldsTests
{
    private static readonly DateOnly Today = new(2027, 3, 10);
    private static readonly DateOnly HeldAfter = Today.AddYears(-6);

    [Fact]
    public void AnOpenCase_IsAHardHold_WhateverElseIsTrue()
    {
        var holds = ErasureHolds.For([new("ABCD-2345", CaseStage.MeetingScheduled, null, null)], Today, HeldAfter);

        var hold = Assert.Single(holds);
        Assert.Equal(ErasureHoldKind.OpenCase, hold.Kind);
        Assert.False(hold.CanBeOverridden);
        Assert.Equal("Case ABCD-2345 is still open (\"Meeting scheduled\"). Close the case before erasing the family's records.", hold.Message);
    }

    [Fact]
    public void TheAppealWindow_HoldsUntilTheDeadlineDayHasPassed()
    {
        var onTheDay = ErasureHolds.For([new("ABCD-2345", CaseStage.Closed, Today, null)], Today, HeldAfter);
        var dayAfter = ErasureHolds.For([new("ABCD-2345", CaseStage.Closed, Today.AddDays(-1), null)], Today, HeldAfter);

        var hold = Assert.Single(onTheDay);
        Assert.Equal(ErasureHoldKind.AppealWindow, hold.Kind);
        Assert.False(hold.CanBeOverridden);
        Assert.Contains("until Wednesday 10 March 2027", hold.Message, StringComparison.Ordinal);
        Assert.Contains("can be erased from Thursday 11 March 2027", hold.Message, StringComparison.Ordinal);
        Assert.Empty(dayAfter);
    }

    [Fact]
    public void DocumentsWithinTheirPeriod_AreASoftHold_ThatEndsWithThePeriod()
    {
        var recent = ErasureHolds.For([new("ABCD-2345", CaseStage.Closed, null, HeldAfter.AddDays(1))], Today, HeldAfter);
        var old = ErasureHolds.For([new("ABCD-2345", CaseStage.Closed, null, HeldAfter)], Today, HeldAfter);

        var hold = Assert.Single(recent);
        Assert.Equal(ErasureHoldKind.RecentDocuments, hold.Kind);
        Assert.True(hold.CanBeOverridden);
        Assert.Empty(old);
    }

    [Fact]
    public void AClosedCaseWithNothingPending_HasNoHold() =>
        Assert.Empty(ErasureHolds.For([new("ABCD-2345", CaseStage.Closed, null, null), new("EFGH-6789", CaseStage.Closed, Today.AddMonths(-1), null)], Today, HeldAfter));
}
