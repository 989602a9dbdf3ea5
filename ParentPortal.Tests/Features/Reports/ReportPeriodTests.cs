using ParentPortal.Features.Reports;

namespace ParentPortal.Tests.Features.Reports;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Fact]
    public void Parse_WithNoDates_GivesTheLast12WholeMonthsUpToToday()
    {
        var parsed = ReportPeriod.Parse(null, " ", Today);

        Assert.Empty(parsed.Errors);
        Assert.Equal(new DateOnly(2025, 12, 1), parsed.Period!.From);
        Assert.Equal(Today, parsed.Period.To);
    }

    [Fact]
    public void Parse_ReadsIsoDates_AndTheInstantsAreEnglandsMidnights()
    {
        var period = ReportPeriod.Parse("2026-03-01", "2026-06-30", Today).Period!;

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), period.StartsAt); // GMT
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), period.EndsBefore); // midnight BST
        Assert.Equal("2026-03-01", period.FromText);
    }

    [Theory]
    [InlineData("", "2026-06-30", "from", "Enter the start date")]
    [InlineData("2026-01-01", "", "to", "Enter the end date")]
    [InlineData("2026-02-30", "2026-06-30", "from", "The start date must be a real date")]
    [InlineData("1/2/2026", "2026-06-30", "from", "The start date must be a real date")]
    [InlineData("2026-01-01", "2026-13-01", "to", "The end date must be a real date")]
    [InlineData("1999-12-31", "2026-06-30", "from", "The start date must be between 1 January 2000 and 31 December 2099")]
    [InlineData("2026-07-01", "2026-06-30", "to", "The end date must be the same as or after the start date")]
    [InlineData("2021-01-01", "2026-01-01", "to", "The period must be 5 years or shorter")]
    public void Parse_RefusesWithAMessageForTheField(string from, string to, string field, string message)
    {
        var parsed = ReportPeriod.Parse(from, to, Today);

        Assert.Null(parsed.Period);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(field, error.FieldKey);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_BothDatesWrong_GivesAMessageForEach()
    {
        var parsed = ReportPeriod.Parse("tomorrow", "2026-02-29", Today);

        Assert.Equal(["from", "to"], parsed.Errors.Select(e => e.FieldKey));
    }

    [Fact]
    public void Parse_AllowsOneDay_AndExactlyFiveYears()
    {
        Assert.NotNull(ReportPeriod.Parse("2026-03-01", "2026-03-01", Today).Period);
        Assert.NotNull(ReportPeriod.Parse("2021-01-01", "2025-12-31", Today).Period);
    }

    [Fact]
    public void Create_RefusesWhatParseWouldRefuse()
    {
        Assert.Throws<ArgumentException>(() => ReportPeriod.Create(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));
        Assert.Throws<ArgumentException>(() => ReportPeriod.Create(new DateOnly(2020, 1, 1), new DateOnly(2026, 1, 1)));
    }
}
