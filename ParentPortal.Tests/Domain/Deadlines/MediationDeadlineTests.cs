using ParentPortal.Domain.Deadlines;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Deadlines;

public class MediationDeadlineTests
{
    [Theory]
    [InlineData("2026-03-02", "2026-04-01")]
    [InlineData("2024-01-31", "2024-03-01")] // leap year: 29 days in February
    [InlineData("2023-01-31", "2023-03-02")]
    [InlineData("2026-12-10", "2027-01-09")]
    [InlineData("2026-11-25", "2026-12-25")] // calendar days: not moved off Christmas Day
    public void MediationHeldBy_IsThirtyCalendarDaysAfterTheLocalAuthorityWasTold(string told, string expected)
    {
        var deadline = Calculator.MediationHeldBy(D(told));

        Assert.Equal(D(expected), deadline.Date);
    }

    [Fact]
    public void MediationHeldBy_Reason_GivesBothReadingsNeutrally()
    {
        var deadline = Calculator.MediationHeldBy(D("2026-03-02"));

        Assert.Equal(
            "The local authority has until Wednesday 1 April 2026, 30 days after it was told on Monday 2 March 2026 that mediation is wanted, to arrange the mediation: "
            + "the Hertfordshire page reads this as the date being arranged within that time, and advice services read it as the mediation taking place within it (SEND Regulations 2014, the rule on arranging mediation).",
            deadline.Reason);
    }

    [Fact]
    public void MediationHeldBy_OnAWeekend_SaysCalendarDaysDoNotMove()
    {
        var deadline = Calculator.MediationHeldBy(D("2026-12-10"));

        Assert.Equal(["This falls on a Saturday: the period is counted in calendar days, so the date does not move."], deadline.Warnings);
    }

    [Theory]
    [InlineData("2026-03-16", "2026-03-09")] // Fri 13, Thu 12, Wed 11, Tue 10, Mon 9
    [InlineData("2026-04-07", "2026-03-27")] // Easter Monday and Good Friday skipped: Thu 2, Wed 1, Tue 31, Mon 30, Fri 27
    [InlineData("2023-01-04", "2022-12-23")] // Tue 3; Mon 2 substitute; Fri 30, Thu 29, Wed 28; 27 and 26 holidays; Fri 23
    [InlineData("2022-09-23", "2022-09-15")] // Thu 22, Wed 21, Tue 20; state funeral Mon 19; Fri 16, Thu 15
    public void MediationNoticeBy_IsFiveWorkingDaysBeforeTheMeeting(string meeting, string expected)
    {
        var deadline = Calculator.MediationNoticeBy(D(meeting));

        Assert.Equal(D(expected), deadline.Date);
        Assert.Contains("unless the parent or young person agrees to less notice (SEND Regulations 2014, the rule on notice of a mediation meeting).", deadline.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-09", "2026-03-16", true, 5)]
    [InlineData("2026-03-10", "2026-03-16", false, 4)]
    [InlineData("2026-03-07", "2026-03-16", true, 5)] // notice on a Saturday counts from Monday
    [InlineData("2026-03-02", "2026-03-16", true, 10)]
    [InlineData("2022-12-23", "2023-01-04", true, 5)] // 23, 28, 29, 30 Dec and 3 Jan
    [InlineData("2022-12-28", "2023-01-04", false, 4)]
    [InlineData("2026-03-16", "2026-03-16", false, 0)]
    public void CheckMediationNotice_ComparesWorkingDaysOfNoticeWithTheRule(string notice, string meeting, bool isMet, int workingDays)
    {
        var check = Calculator.CheckMediationNotice(D(notice), D(meeting));

        Assert.Equal(isMet, check.IsMet);
        Assert.Contains($" is {workingDays} working days before the mediation on ", check.Explanation, StringComparison.Ordinal);
        Assert.Contains(isMet ? "which meets the rule of at least 5 working days" : "only if the parent or young person agrees to less notice", check.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-04-17", "2025-04-24")] // Good Friday and Easter Monday skipped
    [InlineData("2026-03-11", "2026-03-16")]
    public void HealthReferralBy_IsTheThirdWorkingDayAfterTheLocalAuthorityWasTold(string told, string expected)
    {
        var deadline = Calculator.HealthReferralBy(D(told));

        Assert.Equal(D(expected), deadline.Date);
        Assert.Contains("integrated care board", deadline.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(SEND Regulations 2014, the rule on health care issues in mediation).", deadline.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-04-24", true)]
    [InlineData("2025-04-17", true)]
    [InlineData("2025-04-25", false)]
    public void CheckHealthReferral_IsMetUpToAndIncludingTheThirdWorkingDay(string icbTold, bool expected)
    {
        var check = Calculator.CheckHealthReferral(D("2025-04-17"), D(icbTold));

        Assert.Equal(expected, check.IsMet);
        Assert.Equal(D("2025-04-24"), check.Deadline.Date);
        Assert.Contains(expected ? "was in time" : "was after the deadline", check.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-16", null)]
    [InlineData("2026-03-01", "2026-03-15", "This falls on a Sunday: the period is counted in calendar days, so the date does not move.")]
    public void AgreedActionsBy_IsTwoWeeksAfterTheAgreement(string agreed, string expected, string? warning)
    {
        var deadline = Calculator.AgreedActionsBy(D(agreed));

        Assert.Equal(D(expected), deadline.Date);
        Assert.Equal(warning is null ? [] : [warning], deadline.Warnings);
        Assert.Contains("unless everyone agreed other dates in writing (SEND Regulations 2014, regulation 42)", deadline.Reason, StringComparison.Ordinal);
    }

    /// <summary>An agreement on an appealable matter is carried out in the time a tribunal order would give (reg 42(3), 44(2)).</summary>
    [Theory]
    [InlineData(AgreedMatter.Assessment, "2026-03-16", "tell the family it will carry out the assessment by Monday 16 March 2026, 2 weeks after")]
    [InlineData(AgreedMatter.NewPlan, "2026-04-06", "send the draft EHC plan by Monday 6 April 2026, 5 weeks after")]
    [InlineData(AgreedMatter.PlanChanges, "2026-04-06", "make the agreed changes to the EHC plan by Monday 6 April 2026, 5 weeks after")]
    [InlineData(AgreedMatter.KeepPlan, "2026-03-02", "keep the EHC plan in place straight away")]
    [InlineData(AgreedMatter.Other, "2026-03-16", "cannot be appealed are due by Monday 16 March 2026")]
    public void AgreedActionsBy_OnAnAppealableMatter_FollowsTheTribunalOrderPeriods(AgreedMatter matter, string expected, string reason)
    {
        var deadline = Calculator.AgreedActionsBy(D("2026-03-02"), matter);

        Assert.Equal(D(expected), deadline.Date);
        Assert.Contains(reason, deadline.Reason, StringComparison.Ordinal);
        Assert.Contains(matter == AgreedMatter.Other ? "regulation 42)" : "regulations 42(3) and 44(2)", deadline.Reason, StringComparison.Ordinal);
    }
}
