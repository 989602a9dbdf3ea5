using System.Globalization;

namespace ParentPortal.Platform.Localisation;

/// <summary>A language the family's side of the portal is offered in.</summary>
/// <param name="Code">The culture and the <c>lang</c> value: <c>en-GB</c>, <c>cy</c>, <c>ur</c>.</param>
/// <param name="OwnName">The language's name in itself, as the header's link shows it (GOV.UK: "Cymraeg", not "Welsh").</param>
/// <param name="EnglishName">How staff pages and reports name it.</param>
/// <param name="RightToLeft">Written right to left: the page gets <c>dir="rtl"</c>.</param>
/// <param name="HasDocuments">Certificates, agreements and records are made in it (then in English, for the tribunal).</param>
public sealed record PortalLanguage(string Code, string OwnName, string EnglishName, bool RightToLeft, bool HasDocuments)
{
    public bool IsEnglish => Code == PortalLanguages.English;

    public string Direction => RightToLeft ? "rtl" : "ltr";

    public CultureInfo Culture => PortalLanguages.CultureFor(Code);
}

/// <summary>
/// The languages shipped (issue 17): English, Welsh complete, and Urdu for the start page, the triage and the
/// confirmation (a right-to-left language, to prove a language is added with resource files alone). A string not yet
/// translated falls back to English. The pseudo-language (<c>qps-ploc</c>) wraps every translated string so a test can
/// find text that is not translatable; it is offered only where configured (<c>Localisation:PseudoLanguage</c>).
/// </summary>
public static class PortalLanguages
{
    public const string English = "en-GB";
    public const string Welsh = "cy";
    public const string Urdu = "ur";
    public const string Pseudo = "qps-ploc";

    /// <summary>The cookie that remembers the choice: strictly necessary (the privacy notice says so), so no consent is asked.</summary>
    public const string CookieName = "pp_lang";

    public static IReadOnlyList<PortalLanguage> Shipped { get; } =
    [
        new(English, "English", "English", false, true),
        new(Welsh, "Cymraeg", "Welsh", false, true),
        // Urdu: the start page, the triage and the confirmation so far; documents stay in English.
        new(Urdu, "اردو", "Urdu", true, false),
    ];

    private static readonly PortalLanguage PseudoLanguage = new(Pseudo, "[!!Þšéûðó!!]", "Pseudo-language (tests)", false, true);

    public static PortalLanguage Default => Shipped[0];

    /// <summary>The shipped language with this code (or, when <paramref name="includePseudo"/>, the test pseudo-language); null for any other.</summary>
    public static PortalLanguage? Find(string? code, bool includePseudo = false) =>
        string.IsNullOrWhiteSpace(code) ? null
        : Shipped.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase))
          ?? (string.Equals(code, "en", StringComparison.OrdinalIgnoreCase) ? Default : null)
          ?? (includePseudo && string.Equals(code, Pseudo, StringComparison.OrdinalIgnoreCase) ? PseudoLanguage : null);

    /// <summary>The language of the page being drawn (the request's culture), English when it is none of ours.</summary>
    public static PortalLanguage Current => Find(CultureInfo.CurrentUICulture.Name, includePseudo: true) ?? Default;

    /// <summary>
    /// The culture for a language. The pseudo-language formats dates and numbers as English (en-GB) does, with month and
    /// day names wrapped, so the pseudo-localisation test can tell the portal's words from numbers.
    /// </summary>
    public static CultureInfo CultureFor(string code)
    {
        if (string.Equals(code, Pseudo, StringComparison.OrdinalIgnoreCase))
        {
            return PseudoCulture.Value;
        }

        return CultureInfo.GetCultureInfo(Find(code)?.Code ?? English);
    }

    private static readonly Lazy<CultureInfo> PseudoCulture = new(() =>
    {
        var english = CultureInfo.GetCultureInfo(English);
        var dates = (DateTimeFormatInfo)english.DateTimeFormat.Clone();
        static string[] Wrap(string[] names) => [.. names.Select(n => n.Length == 0 ? n : PseudoText.Of(n))];
        dates.MonthNames = Wrap(dates.MonthNames);
        dates.MonthGenitiveNames = Wrap(dates.MonthGenitiveNames);
        dates.AbbreviatedMonthNames = Wrap(dates.AbbreviatedMonthNames);
        dates.AbbreviatedMonthGenitiveNames = Wrap(dates.AbbreviatedMonthGenitiveNames);
        dates.DayNames = Wrap(dates.DayNames);
        dates.AbbreviatedDayNames = Wrap(dates.AbbreviatedDayNames);
        var culture = new CultureInfo(Pseudo, useUserOverride: false)
        {
            // Month and day names wrapped too: a date drawn through the culture passes, one written in English does not.
            DateTimeFormat = dates,
            NumberFormat = (NumberFormatInfo)english.NumberFormat.Clone(),
        };
        return CultureInfo.ReadOnly(culture);
    });

    /// <summary>
    /// Draws what follows in a language other than the request's (a message or document in the family's language, made
    /// while an adviser works in English); the request's culture comes back when the scope ends.
    /// </summary>
    public static CultureScope Use(string? code) => new(CultureFor(Find(code, includePseudo: true)?.Code ?? English));
}

/// <summary>The culture set for a while on this thread and its async flow, put back on dispose.</summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    public CultureScope(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        if (_culture is not null)
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
