using ParentPortal.Domain.Cases;

namespace ParentPortal.Tests.Domain.Cases;

public sealed class UnavailabilityTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Fact]
    public void Read_KeepsTodayAndLater_InOrder_Once_AndIgnoresWhatIsNotADate() =>
        Assert.Equal([Today, Today.AddDays(3)], Unavailability.Read("2026-11-23,2026-11-19,nonsense,2026-11-20,2026-11-23", Today));

    [Fact]
    public void Write_IsEmptyAsNull_AndSorted()
    {
        Assert.Null(Unavailability.Write([]));
        Assert.Equal("2026-11-20,2026-12-01", Unavailability.Write([new DateOnly(2026, 12, 1), Today]));
    }

    [Theory]
    [InlineData(null, "Enter the date you cannot attend, for example 4 12 2026")]
    [InlineData(-1, "The date must be today or in the future")]
    [InlineData(0, null)]
    [InlineData(93, "The date must be within the next 3 months")]
    [InlineData(92, null)]
    public void WhyNot_TheNextThreeMonthsOnly(int? daysFromToday, string? expected) =>
        Assert.Equal(expected, Unavailability.WhyNot(daysFromToday is { } d ? Today.AddDays(d) : null, Today, [])?.English);

    [Fact]
    public void WhyNot_AtMostSixtyDates_ButOneAlreadyGivenIsFine()
    {
        var sixty = Enumerable.Range(0, Unavailability.Most).Select(Today.AddDays).ToList();
        Assert.Equal("You can give up to 60 dates. Remove one first, or call us", Unavailability.WhyNot(Today.AddDays(61), Today, sixty)?.English);
        Assert.Null(Unavailability.WhyNot(Today.AddDays(5), Today, sixty));
    }
}
