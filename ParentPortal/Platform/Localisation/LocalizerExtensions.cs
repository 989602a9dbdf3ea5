using ParentPortal.Domain.Text;
using Microsoft.Extensions.Localization;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Platform.Localisation;

public static class LocalizerExtensions
{
    /// <summary>The portal's English words in the page's language (English when there is no translation); null stays null.</summary>
    public static string? Say(this IStringLocalizer localizer, string? english)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return string.IsNullOrEmpty(english) ? english : localizer[english].Value;
    }

    /// <summary>An option's label in the page's language; a name (a local authority's) as it is.</summary>
    public static string Say(this IStringLocalizer localizer, Option option)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(option);
        return option.IsName ? option.Label : localizer[option.Label].Value;
    }

    /// <summary>A templated message in the page's language: the portal's own words in it translated, what was typed kept as typed.</summary>
    public static string Say(this IStringLocalizer localizer, Wording wording)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(wording);
        return wording.Parts.Count == 0
            ? localizer[wording.Template].Value
            : localizer[wording.Template, [.. wording.Parts.Select(p => (object)Part(localizer, p))]].Value;
    }

    private static string Part(IStringLocalizer localizer, WordingPart part) =>
        part.Phrase is { } phrase ? localizer.Say(phrase)
        : part.Date is { } date ? Calendar.UkDates.LongDate(date)
        : part.IsPortalText ? (part.InSentence ? WordingPart.LowerFirst(localizer[part.Text].Value) : localizer[part.Text].Value)
        : part.Text;

    /// <summary>A question's problem in the page's language.</summary>
    public static string Say(this IStringLocalizer localizer, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return localizer.Say(error.Wording);
    }
}
