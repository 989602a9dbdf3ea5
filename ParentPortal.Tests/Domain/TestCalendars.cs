using System.Globalization;
using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Tests.Domain;

/// <summary>The shipped bank-holiday file, copied next to the test assembly by the test project.</summary>
public static class TestCalendars
{
    public const string ShippedFileName = "bank-holidays-england-and-wales.json";

    private static readonly Lazy<WorkingDayCalendar> ShippedCalendar = new(() =>
    {
        var result = BankHolidayFile.Parse(ShippedJson());
        return result.IsSuccess
            ? new WorkingDayCalendar(result.Holidays)
            : throw new InvalidOperationException($"The shipped bank holiday file did not parse: {result.Error}");
    });

    public static WorkingDayCalendar Shipped => ShippedCalendar.Value;

    public static DeadlineCalculator Calculator => new(Shipped);

    public static string ShippedJson() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ShippedFileName));

    public static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalD(string? isoDate) => isoDate is null ? null : D(isoDate);

    public static DeadlineCalculator With(params BankHoliday[] extra) => new(new WorkingDayCalendar(Shipped.BankHolidays.Concat(extra)));
}
