using System.Globalization;

namespace ParentPortal.Domain.Text;

/// <summary>
/// A message for a person made from a template ("{0} must be a real date") and its parts, so a page can show it in the
/// family's language (issue 17): a part that is the portal's own words (a question's name, a phrase like "3 calendar
/// months") is translated too, a date is written in the page's language, and a part the family typed (the symbol to
/// remove) or a number is shown as it is. <see cref="English"/> is the message as written.
/// </summary>
public sealed record Wording(string Template, IReadOnlyList<WordingPart> Parts)
{
    public static implicit operator Wording(string text) => new(text, []);

    public static implicit operator string(Wording wording) => wording?.English ?? string.Empty;

    public string English => Parts.Count == 0
        ? Template
        : string.Format(CultureInfo.InvariantCulture, Template, [.. Parts.Select(p => (object)p.English)]);

    public static Wording Format(string template, params WordingPart[] parts) => new(template, parts);

    public override string ToString() => English;

    /// <summary>Two wordings are the same when they say the same thing in English, however they were put together.</summary>
    public bool Equals(Wording? other) => other is not null && English == other.English;

    public override int GetHashCode() => English.GetHashCode(StringComparison.Ordinal);
}

/// <summary>One part of a <see cref="Wording"/>: words of the portal's, a phrase of its own, a date, or text shown as it is.</summary>
public sealed record WordingPart
{
    private WordingPart(string text, bool isPortalText, DateOnly? date, Wording? phrase, bool inSentence = false)
    {
        Text = text;
        IsPortalText = isPortalText;
        Date = date;
        Phrase = phrase;
        InSentence = inSentence;
    }

    /// <summary>The part in English.</summary>
    public string Text { get; }

    /// <summary>The portal's own words (translated with the template), not something typed or a number.</summary>
    public bool IsPortalText { get; }

    /// <summary>A date, written in the page's language ("Friday 15 May 2026").</summary>
    public DateOnly? Date { get; }

    /// <summary>A phrase with parts of its own, translated as a whole.</summary>
    public Wording? Phrase { get; }

    /// <summary>The portal's words inside a sentence: their first letter is made small, in English and in the translation.</summary>
    public bool InSentence { get; }

    public string English => Phrase?.English ?? (InSentence ? LowerFirst(Text) : Text);

    /// <summary>"Hello" as "hello", for a name of the portal's own (a stage, a kind of file) used inside a sentence.</summary>
    public static string LowerFirst(string text) =>
        string.IsNullOrEmpty(text) ? text : char.ToLowerInvariant(text[0]) + text[1..];

    public static WordingPart Words(string text) => new(text, true, null, null);

    public static WordingPart AsTyped(string text) => new(text, false, null, null);

    /// <summary>A number, written as it is ("3") in every language.</summary>
    public static WordingPart Number(int number) => AsTyped(number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The portal's own words (translated, as <see cref="Text"/>) inside a sentence, starting with a small letter.</summary>
    public static WordingPart WordsInSentence(string text) => new(text, true, null, null, inSentence: true);

    /// <summary>A date: "Friday 15 May 2026" in English, and in the page's language where it is shown.</summary>
    public static WordingPart LongDate(DateOnly date) => new(Calendar.DateText.Long(date), false, date, null);

    public static WordingPart Of(Wording phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return new(phrase.English, false, null, phrase);
    }

    public static implicit operator WordingPart(Wording phrase) => Of(phrase);
}
