using System.Net;
using System.Text.RegularExpressions;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// Finds the English a page shows in the pseudo-language (issue 17): every translatable string is accented and wrapped
/// (<c>[!!Ŵĥàţ…!!]</c>), so a plain Latin letter left on the page, outside what the family typed or the service's own
/// data, is text that does not go through the localiser.
/// </summary>
public static partial class PseudoLocalisation
{
    /// <summary>The plain-letter words left in the page's text and its labels for assistive technology; empty when all is translatable.</summary>
    public static IReadOnlyList<string> Untranslated(string html, IEnumerable<string> data)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(data);
        var text = html;
        text = Comments().Replace(text, " ");
        text = ScriptsAndStyles().Replace(text, " ");
        // The head's only words are the title.
        text = Head().Replace(text, m => " " + (Title().Match(m.Value) is { Success: true } title ? title.Groups[1].Value : "") + " ");
        // A phrase marked with its own language (the language links: "Cymraeg", "English") is meant to be in that language.
        text = OwnLanguage().Replace(text, " ");
        var attributes = string.Join(' ', LabelAttributes().Matches(text).Select(m => m.Groups[2].Value));
        text = Tags().Replace(text, " ") + " " + attributes;
        text = WebUtility.HtmlDecode(text);
        text = Wrapped().Replace(text, " ");
        foreach (var value in data.Where(d => !string.IsNullOrWhiteSpace(d)).OrderByDescending(d => d.Length))
        {
            text = text.Replace(value, " ", StringComparison.Ordinal);
        }

        text = References().Replace(text, " ");
        return [.. PlainWords().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"<(script|style|template)\b[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptsAndStyles();

    [GeneratedRegex(@"<head\b.*?</head>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Head();

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Title();

    [GeneratedRegex(@"<(a|span)\b[^>]*\slang=""[^""]*""[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OwnLanguage();

    [GeneratedRegex(@"\s(aria-label|title|alt|placeholder)=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex LabelAttributes();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\[!!.*?!!\]", RegexOptions.Singleline)]
    private static partial Regex Wrapped();

    // Application references (ABCD-2345), draft share codes (ABCDE-23456), certificate numbers, e-mail addresses and web addresses are data.
    [GeneratedRegex(@"\b[A-Z2-9]{4,5}-[A-Z2-9]{4,5}\b|\S+@\S+|https?://\S+|\bMC-\S+")]
    private static partial Regex References();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex PlainWords();
}
