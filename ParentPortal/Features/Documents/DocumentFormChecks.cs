using System.Text;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Service;

namespace ParentPortal.Features.Documents;

/// <summary>
/// The checks shared by the agreement and the meeting record forms, whose text ends up in a PDF that people sign:
/// every item as typed (trimmed, composed), never cut short, and refused when it holds characters nobody types.
/// </summary>
internal static class DocumentFormChecks
{
    /// <summary>Trimmed, and composed (NFC) when it is well formed; ill-formed text is left for <see cref="Check"/> to refuse.</summary>
    public static string Tidy(string? value)
    {
        var trimmed = value?.Trim() ?? "";
        return TypedText.IsWellFormed(trimmed, allowsLines: true) ? trimmed.Normalize(NormalizationForm.FormC) : trimmed;
    }

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
}
