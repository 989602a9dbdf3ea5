using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Features.Documents;

/// <summary>
/// The checks shared by the agreement and the meeting record forms, whose text ends up in a PDF that people sign:
/// every item as typed (trimmed, composed), never cut short, and refused when it holds characters nobody types.
/// </summary>
internal static class DocumentFormChecks
{
    /// <summary>See <see cref="TypedText.Tidy"/>; ill-formed text is left for <see cref="Check"/> to refuse. Never null.</summary>
    public static string Tidy(string? value) => TypedText.Tidy(value) ?? "";

    /// <summary>Adds an error naming the item when it is too long or not well formed; true when it is fine.</summary>
    public static bool Check(List<FieldError> errors, string key, string what, string value, int max, bool lines)
    {
        if (!TypedText.IsWellFormed(value, lines))
        {
            errors.Add(new(key, $"{what} contains a character that cannot be saved{(lines ? "" : " (it must be on one line)")}, such as an invisible control character. Please retype it."));
            return false;
        }

        if (value.Length > max)
        {
            errors.Add(new(key, $"{what} must be {max} characters or fewer (it has {value.Length})"));
            return false;
        }

        if (TypedText.FirstUnprintable(value) is { } symbol)
        {
            errors.Add(new(key, $"{what} cannot include emoji or other symbols that cannot be printed on the document (remove \u201C{symbol}\u201D)"));
            return false;
        }

        return true;
    }

    /// <summary>A date for an agreed action: not more than a year ago (typed in error) nor more than five years ahead.</summary>
    public static bool CheckDue(List<FieldError> errors, string key, string what, DateOnly due, DateOnly today)
    {
        var earliest = today.AddYears(-1);
        var latest = today.AddYears(5);
        if (due >= earliest && due <= latest)
        {
            return true;
        }

        errors.Add(new(key, $"{what}: enter a date between {UkDates.LongDate(earliest)} and {UkDates.LongDate(latest)}"));
        return false;
    }

    /// <summary>Each item of a list (issues, agenda items...), named by its number; at most <paramref name="most"/> are looked at.</summary>
    public static void CheckItems(List<FieldError> errors, string key, string noun, IReadOnlyList<string> items, int max, int most)
    {
        for (var i = 0; i < items.Count && i <= most; i++)
        {
            Check(errors, key, $"{noun} {i + 1}", items[i], max, lines: true);
        }
    }

    /// <summary>
    /// Agreed actions or action points: each needs what will be done (several lines, up to 1000 characters), who does it
    /// (one line, up to 200) and a sensible date; at most 100.
    /// </summary>
    public static void CheckActions<T>(List<FieldError> errors, IReadOnlyList<T> actions, string noun, string whatIsMissing, Func<T, (string What, string Who, DateOnly? By)> parts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(parts);
        for (var i = 0; i < actions.Count && i <= 100; i++)
        {
            var (what, who, by) = parts(actions[i]);
            var name = $"{noun} {i + 1}";
            if (what.Length == 0 || who.Length == 0 || by is not { } date)
            {
                errors.Add(new("actions", $"{name}: {whatIsMissing}"));
            }
            else if (Check(errors, "actions", name, what, 1000, lines: true) && Check(errors, "actions", $"{name}: who will do it", who, 200, lines: false))
            {
                CheckDue(errors, "actions", name, date, today);
            }
        }

        if (actions.Count > 100)
        {
            errors.Add(new("actions", $"There can be up to 100 {noun.ToLowerInvariant()}s"));
        }
    }
}
