using ParentPortal.Domain.Deadlines;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Deadlines;

public class CertificateDueByTests
{
    // The 3rd working day after the trigger, not counting the trigger day; comments list the working days counted.
    [Theory]
    [InlineData("2026-03-11", "2026-03-16")] // Thu 12, Fri 13, Mon 16
    [InlineData("2026-03-13", "2026-03-18")] // told on a Friday: Mon 16, Tue 17, Wed 18
    [InlineData("2026-03-14", "2026-03-18")] // told on a Saturday
    [InlineData("2026-03-15", "2026-03-18")] // told on a Sunday
    [InlineData("2021-12-23", "2021-12-30")] // Fri 24; 27 and 28 are substitute days; Wed 29, Thu 30
    [InlineData("2022-12-23", "2022-12-30")] // 26 Boxing Day, 27 substitute; Wed 28, Thu 29, Fri 30
    [InlineData("2020-12-23", "2020-12-30")] // Thu 24; 25 Christmas; 28 substitute Boxing Day; Tue 29, Wed 30
    [InlineData("2021-12-30", "2022-01-05")] // Fri 31; 3 Jan substitute; Tue 4, Wed 5
    [InlineData("2022-12-29", "2023-01-04")] // Fri 30; 2 Jan substitute; Tue 3, Wed 4
    [InlineData("2025-04-17", "2025-04-24")] // Good Friday 18, Easter Monday 21; Tue 22, Wed 23, Thu 24
    [InlineData("2024-03-27", "2024-04-03")] // Thu 28; Good Friday 29, Easter Monday 1 Apr; Tue 2, Wed 3
    [InlineData("2022-06-01", "2022-06-08")] // Thu 2 and Fri 3 June 2022 are holidays; Mon 6, Tue 7, Wed 8
    [InlineData("2022-09-16", "2022-09-22")] // state funeral Mon 19; Tue 20, Wed 21, Thu 22
    [InlineData("2023-05-05", "2023-05-11")] // coronation Mon 8; Tue 9, Wed 10, Thu 11
    [InlineData("2023-04-28", "2023-05-04")] // early May bank holiday Mon 1; Tue 2, Wed 3, Thu 4
    [InlineData("2020-05-06", "2020-05-12")] // Thu 7; VE day Fri 8; Mon 11, Tue 12
    [InlineData("2020-05-01", "2020-05-06")] // Mon 4 May 2020 was a working day
    [InlineData("2025-08-22", "2025-08-28")] // no August roll-over for certificates: Mon 25 bank holiday; Tue 26, Wed 27, Thu 28
    public void CertificateDueBy_IsTheThirdWorkingDayAfterTheTrigger(string triggeredOn, string expected)
    {
        var calculator = Calculator;

        foreach (var trigger in Enum.GetValues<CertificateTrigger>())
        {
            Assert.Equal(D(expected), calculator.CertificateDueBy(D(triggeredOn), trigger).Date);
        }

        Assert.Equal(D(expected), calculator.CertificateDueBy(D(triggeredOn)).Date);
    }

    [Theory]
    [InlineData(CertificateTrigger.NotPursuingMediation,
        "The mediation adviser must issue the certificate by Monday 16 March 2026, the 3rd working day after being told on Wednesday 11 March 2026 that mediation is not being pursued, not counting that day (SEND Regulations 2014, regulation 34).")]
    [InlineData(CertificateTrigger.MediationConcluded,
        "The mediator must issue the certificate by Monday 16 March 2026, the 3rd working day after the mediation ended on Wednesday 11 March 2026, not counting that day (SEND Regulations 2014, the rule on certificates after mediation).")]
    [InlineData(CertificateTrigger.LocalAuthorityCouldNotArrangeMediation,
        "The mediation adviser must issue the certificate by Monday 16 March 2026, the 3rd working day after being told on Wednesday 11 March 2026 that the local authority could not arrange mediation within 30 days, not counting that day (SEND Regulations 2014, the rule on mediation that cannot be arranged in time).")]
    public void CertificateDueBy_Reason_NamesTheTriggerAndItsRule(CertificateTrigger trigger, string expected)
    {
        var deadline = Calculator.CertificateDueBy(D("2026-03-11"), trigger);

        Assert.Equal(expected, deadline.Reason);
        Assert.Empty(deadline.Warnings);
    }

    [Fact]
    public void CertificateDueBy_WithUnknownTrigger_ExplainsBothPossibleTriggers()
    {
        var deadline = Calculator.CertificateDueBy(D("2026-03-11"));

        Assert.Equal(
            "The mediation certificate is due by Monday 16 March 2026, the 3rd working day after Wednesday 11 March 2026 (the day the mediation adviser was told mediation is not being pursued, or the day mediation ended), not counting that day (SEND Regulations 2014, the rules on mediation certificates).",
            deadline.Reason);
    }

    [Fact]
    public void CertificateDueBy_InAYearWithoutData_CountsChristmasByRuleAndWarns()
    {
        // Tue 23 Dec 2031: Wed 24 (1), Christmas Day Thu 25 skipped, Fri 26 (2, Boxing Day 2031 is not in the data), Mon 29 (3).
        var deadline = Calculator.CertificateDueBy(D("2031-12-23"), CertificateTrigger.NotPursuingMediation);

        Assert.Equal(D("2031-12-29"), deadline.Date);
        Assert.Equal([2031], deadline.YearsWithoutBankHolidayData);
        Assert.Single(deadline.Warnings);
    }
}
