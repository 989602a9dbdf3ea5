using System.Globalization;

namespace ParentPortal.Domain.Cases;

/// <summary>
/// The days a family cannot attend a meeting, as HMCTS's civil mediation asks: within the next 3 months, at most
/// <see cref="Most"/> of them. Stored as "yyyy-MM-dd" values separated by commas; days already past drop out when read.
/// </summary>
public static class Unavailability
{
    public const int MonthsAhead = 3;
    public const int Most = 60;

    public static IReadOnlyList<DateOnly> Read(string? stored, DateOnly today) =>
        [.. (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null)
            .OfType<DateOnly>().Where(d => d >= today).Distinct().Order()];

    public static string? Write(IEnumerable<DateOnly> days)
    {
        var text = string.Join(',', days.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return text.Length == 0 ? null : text;
    }

    /// <summary>Why <paramref name="day"/> cannot be added, in words for the family (in their language on the page); null when it can.</summary>
    public static Text.Wording? WhyNot(DateOnly? day, DateOnly today, IReadOnlyCollection<DateOnly> already)
    {
        ArgumentNullException.ThrowIfNull(already);
        return day switch
        {
            // The example is two weeks from today, as the hint above the field is: a fixed date would soon be in the past.
            null => Text.Wording.Format("Enter the date you cannot attend, for example {0}",
                Text.WordingPart.AsTyped(today.AddDays(14).ToString("d M yyyy", CultureInfo.InvariantCulture))),
            { } d when d < today => "The date must be today or in the future",
            { } d when d > today.AddMonths(MonthsAhead) => Text.Wording.Format("The date must be within the next {0} months", Text.WordingPart.Number(MonthsAhead)),
            { } d when already.Contains(d) => null,
            _ when already.Count >= Most => Text.Wording.Format("You can give up to {0} dates. Remove one first, or call us", Text.WordingPart.Number(Most)),
            _ => null,
        };
    }
}
