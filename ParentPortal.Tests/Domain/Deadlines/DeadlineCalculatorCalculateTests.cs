using ParentPortal.Domain.Deadlines;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Deadlines;

public class DeadlineCalculatorCalculateTests
{
    private const string EnterLetter = "Enter the date the decision letter was sent";

    [Fact]
    public void DeadlineParameters_AreTheCamelCaseNamesOfTheEndpoint()
    {
        Assert.Equal(["decisionLetterSent", "certificateIssued", "certificateTriggeredOn", "laToldOfMediationOn", "healthIssues", "annualReviewMeetingOn", "draftPlanSentOn"], DeadlineParameters.All);
    }

    public static TheoryData<DeadlineInput, string, string> InvalidInputs => new()
    {
        { new DeadlineInput(), "decisionLetterSent", EnterLetter },
        { new DeadlineInput(CertificateIssued: D("2026-03-02")), "decisionLetterSent", EnterLetter },
        { new DeadlineInput(AnnualReviewMeetingOn: new DateOnly(1999, 12, 31)), "annualReviewMeetingOn", "The date of the annual review meeting must be between 1 January 2000 and 31 December 2099" },
        { new DeadlineInput(DraftPlanSentOn: new DateOnly(2100, 1, 1)), "draftPlanSentOn", "The date the draft plan was sent must be between 1 January 2000 and 31 December 2099" },
        { new DeadlineInput(D("2026-01-16"), D("2026-01-15")), "certificateIssued", "The certificate date must be the same as or after the decision letter date" },
        { new DeadlineInput(D("1999-12-31")), "decisionLetterSent", "The date the decision letter was sent must be between 1 January 2000 and 31 December 2099" },
        { new DeadlineInput(D("2026-01-16"), D("2100-01-01")), "certificateIssued", "The certificate date must be between 1 January 2000 and 31 December 2099" },
        { new DeadlineInput(CertificateTriggeredOn: DateOnly.MinValue), "certificateTriggeredOn", "The date the mediation adviser was told or mediation ended must be between 1 January 2000 and 31 December 2099" },
        { new DeadlineInput(LaToldOfMediationOn: DateOnly.MaxValue), "laToldOfMediationOn", "The date the local authority was told about mediation must be between 1 January 2000 and 31 December 2099" },
        { new DeadlineInput(HealthIssues: true), "laToldOfMediationOn", DeadlineInput.EnterLaToldForHealth },
        { new DeadlineInput(D("2026-01-16"), HealthIssues: true), "laToldOfMediationOn", DeadlineInput.EnterLaToldForHealth },
    };

    [Fact]
    public void Calculate_WithHealthIssues_TellsHealthBodiesWithin3WorkingDaysOfTheLa_AndOnlyThen()
    {
        var withHealth = Calculator.Calculate(new DeadlineInput(LaToldOfMediationOn: D("2026-04-02"), HealthIssues: true)).Deadlines!;
        var without = Calculator.Calculate(new DeadlineInput(LaToldOfMediationOn: D("2026-04-02"))).Deadlines!;

        // Thu 2 Apr 2026: Good Friday and Easter Monday are not working days, so Tue 7 (1), Wed 8 (2), Thu 9 (3).
        Assert.Equal(D("2026-04-09"), withHealth.HealthBodiesToldBy!.Date);
        Assert.Equal(without.MediationHeldBy!.Date, withHealth.MediationHeldBy!.Date);
        Assert.Null(without.HealthBodiesToldBy);
    }

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Calculate_WithInvalidInput_ReturnsAnErrorNamingTheParameter(DeadlineInput input, string parameter, string message)
    {
        var calculation = Calculator.Calculate(input);

        Assert.False(calculation.IsValid);
        Assert.Null(calculation.Deadlines);
        Assert.Equal([new DeadlineInputError(parameter, message)], calculation.Errors);
    }

    [Fact]
    public void Calculate_WithSeveralProblems_ReturnsOneErrorForEachInParameterOrder()
    {
        var input = new DeadlineInput(DecisionLetterSent: D("1999-01-01"), LaToldOfMediationOn: D("2100-01-01"));

        var calculation = Calculator.Calculate(input);

        Assert.Equal(["decisionLetterSent", "laToldOfMediationOn"], calculation.Errors.Select(e => e.Parameter));
    }

    [Fact]
    public void Calculate_WithAllFourDates_ReturnsEveryDeadlineAsTheSingleRulesDo()
    {
        var calculator = Calculator;
        var input = new DeadlineInput(D("2021-10-01"), D("2021-11-25"), D("2021-12-23"), D("2026-03-02"), CertificateTrigger.MediationConcluded);

        var calculation = calculator.Calculate(input);

        Assert.True(calculation.IsValid);
        Assert.Empty(calculation.Errors);
        Assert.Equal(calculator.ContactMediationAdviserBy(D("2021-10-01")), calculation.Deadlines.ContactMediationAdviserBy, DeadlineComparer.Instance);
        Assert.Equal(D("2021-12-01"), calculation.Deadlines.ContactMediationAdviserBy!.Date);
        Assert.Equal(D("2022-01-04"), calculation.Deadlines.AppealBy!.Date);
        Assert.Equal(D("2021-12-30"), calculation.Deadlines.CertificateDueBy!.Date);
        Assert.StartsWith("The mediator must issue the certificate", calculation.Deadlines.CertificateDueBy.Reason, StringComparison.Ordinal);
        Assert.Equal(D("2026-04-01"), calculation.Deadlines.MediationHeldBy!.Date);
    }

    [Fact]
    public void Calculate_WithOnlyTheCertificateTrigger_ReturnsOnlyTheCertificateDeadline()
    {
        var calculation = Calculator.Calculate(new DeadlineInput(CertificateTriggeredOn: D("2026-03-11")));

        Assert.True(calculation.IsValid);
        Assert.Null(calculation.Deadlines.ContactMediationAdviserBy);
        Assert.Null(calculation.Deadlines.AppealBy);
        Assert.Equal(D("2026-03-16"), calculation.Deadlines.CertificateDueBy!.Date);
        Assert.StartsWith("The mediation certificate is due by", calculation.Deadlines.CertificateDueBy.Reason, StringComparison.Ordinal);
        Assert.Null(calculation.Deadlines.MediationHeldBy);
    }

    [Fact]
    public void Calculate_WithOnlyTheLocalAuthorityDate_ReturnsOnlyMediationHeldBy()
    {
        var calculation = Calculator.Calculate(new DeadlineInput(LaToldOfMediationOn: D("2026-03-02")));

        Assert.True(calculation.IsValid);
        Assert.Null(calculation.Deadlines.ContactMediationAdviserBy);
        Assert.Null(calculation.Deadlines.AppealBy);
        Assert.Null(calculation.Deadlines.CertificateDueBy);
        Assert.Equal(D("2026-04-01"), calculation.Deadlines.MediationHeldBy!.Date);
    }

    [Fact]
    public void Calculate_WithCertificateOnTheSameDayAsTheLetter_IsValidAndTheLetterWins()
    {
        var calculation = Calculator.Calculate(new DeadlineInput(D("2026-01-16"), D("2026-01-16")));

        Assert.True(calculation.IsValid);
        Assert.Equal(D("2026-03-16"), calculation.Deadlines.AppealBy!.Date);
        Assert.Null(calculation.Deadlines.CertificateDueBy);
    }

    [Fact]
    public void Calculate_OnTheEarliestAndLatestSupportedDates_Works()
    {
        var calculation = Calculator.Calculate(new DeadlineInput(SupportedDates.Earliest, SupportedDates.Latest, SupportedDates.Latest, SupportedDates.Latest));

        Assert.True(calculation.IsValid);
        Assert.Equal(D("2000-03-01"), calculation.Deadlines.ContactMediationAdviserBy!.Date);
        Assert.Equal(D("2100-02-01"), calculation.Deadlines.AppealBy!.Date); // 31 Dec 2099 + 1 month = Sunday 31 January 2100
        Assert.Equal([2100], calculation.Deadlines.AppealBy.YearsWithoutBankHolidayData);
    }

    private sealed class DeadlineComparer : IEqualityComparer<Deadline?>
    {
        public static readonly DeadlineComparer Instance = new();

        public bool Equals(Deadline? x, Deadline? y) =>
            x is not null && y is not null
            && x.Date == y.Date
            && x.Reason == y.Reason
            && x.Warnings.SequenceEqual(y.Warnings)
            && x.YearsWithoutBankHolidayData.SequenceEqual(y.YearsWithoutBankHolidayData);

        public int GetHashCode(Deadline? obj) => obj?.Date.GetHashCode() ?? 0;
    }
}
