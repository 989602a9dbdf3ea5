using ParentPortal.Platform.Calendar;

namespace ParentPortal.Tests.Platform.Calendar;

public sealed class UkDatesTests
{
    [Theory]
    [InlineData("6", "12", "2026", "2026-12-06")]
    [InlineData(" 29 ", "2", "2028", "2028-02-29")]
    [InlineData("29", "2", "2027", null)]
    [InlineData("", "12", "2026", null)]
    [InlineData("6", "13", "2026", null)]
    [InlineData("6", "12", "26", null)]
    [InlineData("6", "12", "99999999999999999999", null)]
    [InlineData("six", "12", "2026", null)]
    public void FromTyped_GivesARealDayOrNothing(string day, string month, string year, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UkDates.FromTyped(day, month, year));

    [Theory]
    [InlineData("2027-03-15", "2027-03-15")]
    [InlineData(" 15/3/2027 ", "2027-03-15")]
    [InlineData("15-03-2027", "2027-03-15")]
    [InlineData("15.3.2027", "2027-03-15")]
    [InlineData("3/15/2027", null)]
    [InlineData("2027-02-29", null)]
    [InlineData("1999-12-31", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("next Tuesday", null)]
    public void FromPosted_ReadsWhatBrowsersSendAndWhatPeopleType(string? posted, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UkDates.FromPosted(posted));
}
