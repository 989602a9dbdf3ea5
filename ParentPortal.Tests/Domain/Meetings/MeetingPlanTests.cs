using ParentPortal.Domain.Meetings;

namespace ParentPortal.Tests.Domain.Meetings;

/// <summary>Seed 003's plan: each party meets the mediator on their own, then they meet together.</summary>
public sealed class MeetingPlanTests
{
    private static readonly DateTimeOffset Noon = new(2027, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("bullying", "Family,School")]
    [InlineData("sen", "Family,LocalAuthority")]
    [InlineData("facilitation", "")]
    public void EachMediationRoute_HasItsTwoParties_AndFacilitationNone(string route, string parties)
    {
        Assert.Equal(parties, string.Join(',', MeetingPlan.PartiesFor(route)));
        Assert.Equal(route == "facilitation" ? MeetingKind.Facilitated : MeetingKind.Joint, MeetingPlan.MainKind(route));
        Assert.Equal(MeetingPlan.MainKind(route), MeetingPlan.KindsFor(route)[0]);
    }

    [Fact]
    public void TheJointMeeting_WaitsForEveryPartysIndividualMeeting_HeldOrSkipped_NotMerelyArranged()
    {
        PlannedMeeting Individual(MeetingParty party, DateOnly? held = null, string? skipped = null, bool cancelled = false) =>
            new(MeetingKind.Individual, party, cancelled, held, skipped);

        Assert.Contains("with the family and with the school", MeetingPlan.WhyMainCannotBeHeld("bullying", []), StringComparison.Ordinal);
        Assert.Contains("with the school", MeetingPlan.WhyMainCannotBeHeld("bullying", [Individual(MeetingParty.Family, held: new(2027, 3, 1)), Individual(MeetingParty.School)]), StringComparison.Ordinal);
        Assert.Null(MeetingPlan.WhyMainCannotBeHeld("bullying", [Individual(MeetingParty.Family, held: new(2027, 3, 1)), Individual(MeetingParty.School, skipped: "Declined", cancelled: true)]));
        // The other route's party does not count.
        Assert.NotNull(MeetingPlan.WhyMainCannotBeHeld("sen", [Individual(MeetingParty.Family, held: new(2027, 3, 1)), Individual(MeetingParty.School, held: new(2027, 3, 1))]));
        Assert.Null(MeetingPlan.WhyMainCannotBeHeld("facilitation", []));
    }

    [Fact]
    public void IndividualMeetingsComeFirst_TheJointMeetingAfter()
    {
        Assert.NotNull(MeetingPlan.WhyOutOfOrder(MeetingKind.Individual, Noon, [(MeetingKind.Joint, Noon.AddDays(-1))]));
        Assert.NotNull(MeetingPlan.WhyOutOfOrder(MeetingKind.Individual, Noon, [(MeetingKind.Joint, Noon)]));
        Assert.Null(MeetingPlan.WhyOutOfOrder(MeetingKind.Individual, Noon, [(MeetingKind.Joint, Noon.AddMinutes(1))]));
        Assert.NotNull(MeetingPlan.WhyOutOfOrder(MeetingKind.Joint, Noon, [(MeetingKind.Individual, Noon.AddHours(1))]));
        Assert.Null(MeetingPlan.WhyOutOfOrder(MeetingKind.Joint, Noon, [(MeetingKind.Individual, Noon.AddHours(-2)), (MeetingKind.CallBack, Noon.AddDays(3))]));
        Assert.Null(MeetingPlan.WhyOutOfOrder(MeetingKind.CallBack, Noon, [(MeetingKind.Joint, Noon.AddDays(-3))]));
    }

    [Fact]
    public void TheFamily_AttendsEveryMeetingButTheOtherPartysOwn_AndTheirSideIsKeptOutOfOtherPeoplesCopies()
    {
        Assert.True(MeetingPlan.FamilyAttends(MeetingKind.Joint, null));
        Assert.True(MeetingPlan.FamilyAttends(MeetingKind.Individual, MeetingParty.Family));
        Assert.False(MeetingPlan.FamilyAttends(MeetingKind.Individual, MeetingParty.School));
        Assert.Equal(
            [AttendeeRole.Parent, AttendeeRole.YoungPerson, AttendeeRole.Child, AttendeeRole.Supporter, AttendeeRole.Advocate],
            Enum.GetValues<AttendeeRole>().Where(MeetingPlan.FamilySide));
    }
}
