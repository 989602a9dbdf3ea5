using System.Globalization;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Features.Reports;

/// <summary>
/// The dates a report covers, both days included, in England's calendar. Only <see cref="Parse"/> and
/// <see cref="Create"/> make one, so a period that reaches a handler is always a real, allowed one.
/// </summary>
public sealed record ReportPeriod
{
    public const string FromParameter = "from";
    public const string ToParameter = "to";
    public const int MaxYears = 5;

    private ReportPeriod(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>The first instant of <see cref="From"/> in England.</summary>
    public DateTimeOffset StartsAt => UkDates.FromLocal(From, TimeOnly.MinValue);

    /// <summary>The first instant after <see cref="To"/> in England (exclusive).</summary>
    public DateTimeOffset EndsBefore => UkDates.FromLocal(To.AddDays(1), TimeOnly.MinValue);

    public string FromText => Iso(From);

    public string ToText => Iso(To);

    /// <summary>The last 12 months: from the first of the month 11 months ago to today, so each month shown is whole except this one.</summary>
    public static ReportPeriod Default(DateOnly today) => new(new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);

    /// <summary>For code that already has dates: throws if the period is not one a manager could choose.</summary>
    public static ReportPeriod Create(DateOnly from, DateOnly to)
    {
        var errors = Check(from, to);
        return errors.Count == 0 ? new(from, to) : throw new ArgumentException(errors[0].Message, nameof(to));
    }

    /// <summary>Reads the period from the query string (yyyy-MM-dd). Neither date given: the default period.</summary>
    public static ReportPeriodParse Parse(string? from, string? to, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            return new(Default(today), []);
        }

        var errors = new List<FieldError>();
        var fromDate = ReadDate(from, FromParameter, "start", errors);
        var toDate = ReadDate(to, ToParameter, "end", errors);
        if (fromDate is { } f && toDate is { } t)
        {
            errors.AddRange(Check(f, t));
        }

        return errors.Count == 0 ? new(new ReportPeriod(fromDate!.Value, toDate!.Value), []) : new(null, errors);
    }

    private static DateOnly? ReadDate(string? text, string key, string which, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(key, $"Enter the {which} date"));
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new(key, $"The {which} date must be a real date"));
            return null;
        }

        if (!SupportedDates.Contains(date))
        {
            errors.Add(new(key, $"The {which} date must be between 1 January 2000 and 31 December 2099"));
            return null;
        }

        return date;
    }

    private static List<FieldError> Check(DateOnly from, DateOnly to)
    {
        var errors = new List<FieldError>();
        if (!SupportedDates.Contains(from) || !SupportedDates.Contains(to))
        {
            errors.Add(new(FromParameter, "The dates must be between 1 January 2000 and 31 December 2099"));
        }
        else if (to < from)
        {
            errors.Add(new(ToParameter, "The end date must be the same as or after the start date"));
        }
        else if (to >= from.AddYears(MaxYears))
        {
            errors.Add(new(ToParameter, $"The period must be {MaxYears} years or shorter"));
        }

        return errors;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Either a period, or what is wrong with the dates as typed.</summary>
public sealed record ReportPeriodParse(ReportPeriod? Period, IReadOnlyList<FieldError> Errors);
