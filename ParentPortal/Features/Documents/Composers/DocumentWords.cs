using System.Globalization;
using Microsoft.Extensions.Localization;
using ParentPortal.Platform.Localisation;

namespace ParentPortal.Features.Documents.Composers;

/// <summary>
/// A document's words in one language (issue 17): the English text is the key, looked up in <c>FamilyText</c> while the
/// document's culture is set; dates in that language. <see cref="English"/> is the document as written.
/// </summary>
internal sealed class DocumentWords
{
    private readonly IStringLocalizer? _text;
    private readonly IStringLocalizer? _domain;
    private readonly CultureInfo _culture;

    private DocumentWords(IStringLocalizer? text, IStringLocalizer? domain, CultureInfo culture)
    {
        _text = text;
        _domain = domain;
        _culture = culture;
    }

    public static DocumentWords English { get; } = new(null, null, CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The words of the current culture (set by the caller for the document's language).</summary>
    /// <param name="domain">The rules' own sentences (a deadline's reason): <c>TriageText</c>.</param>
    public static DocumentWords Current(IStringLocalizer text, IStringLocalizer? domain) => new(text, domain, CultureInfo.CurrentCulture);

    /// <summary>A sentence the rules wrote (a deadline's reason), in this language.</summary>
    public string Say(Domain.Text.Wording wording) => _domain is null ? wording.English : _domain.Say(wording);

    public bool IsEnglish => _text is null;

    public string this[string english] => _text is null ? english : _text[english].Value;

    public string this[string template, params object[] arguments] => string.Format(_culture, this[template], arguments);

    /// <summary>"15 May 2026", or "15 Mai 2026" in Welsh.</summary>
    public string Long(DateOnly date) => _text is null ? DocumentText.Long(date) : date.ToString("d MMMM yyyy", _culture);

    public string Day(DateOnly date) => _text is null ? DocumentText.Day(date) : date.ToString("d MMMM yyyy", _culture);
}
