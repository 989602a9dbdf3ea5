using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ParentPortal.Platform.Localisation;

/// <summary>
/// ASP.NET Core's resource-file localisation, with two things added: in the pseudo-language every string is wrapped
/// (<see cref="PseudoText"/>), and a string asked for in a shipped language that has no translation is noted
/// (<see cref="MissingTranslations"/>): it shows in English, and the tests can list what is left to translate.
/// </summary>
public sealed class PortalStringLocalizerFactory(ResourceManagerStringLocalizerFactory resources, MissingTranslations missing) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource)
    {
        ArgumentNullException.ThrowIfNull(resourceSource);
        // The family's pages and messages also say the domain's words (a deadline's reason, a question's name): what is not
        // in FamilyText is looked for in TriageText before it counts as missing.
        var fallback = resourceSource == typeof(FamilyText) ? resources.Create(typeof(TriageText)) : null;
        return new PortalStringLocalizer(resources.Create(resourceSource), resourceSource.Name, missing, fallback);
    }

    public IStringLocalizer Create(string baseName, string location) => new PortalStringLocalizer(resources.Create(baseName, location), baseName, missing);
}

internal sealed class PortalStringLocalizer(IStringLocalizer inner, string source, MissingTranslations missing, IStringLocalizer? fallback = null) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return Translate(name, null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return Translate(name, arguments);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    private LocalizedString Translate(string name, object[]? arguments)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (string.Equals(culture.Name, PortalLanguages.Pseudo, StringComparison.OrdinalIgnoreCase))
        {
            var wrapped = PseudoText.Of(name);
            return new LocalizedString(name, arguments is null ? wrapped : string.Format(culture, wrapped, arguments), resourceNotFound: false);
        }

        // The English text is the key: English needs no lookup.
        if (name.Length == 0 || culture.TwoLetterISOLanguageName == "en" || culture.Name.Length == 0)
        {
            return new LocalizedString(name, arguments is null ? name : string.Format(culture, name, arguments), resourceNotFound: false);
        }

        var found = arguments is null ? inner[name] : inner[name, arguments];
        if (found.ResourceNotFound && fallback is not null && (arguments is null ? fallback[name] : fallback[name, arguments]) is { ResourceNotFound: false } other)
        {
            found = other;
        }

        if (found.ResourceNotFound)
        {
            missing.Note(culture.Name, source, name);
        }

        return found;
    }
}

/// <summary>Strings asked for in a shipped language that have no translation yet (shown in English meanwhile).</summary>
public sealed class MissingTranslations
{
    private readonly ConcurrentDictionary<(string Culture, string Source, string Text), byte> _seen = new();

    public void Note(string culture, string source, string text)
    {
        // Bounded: the portal's own words are a few thousand strings at most.
        if (_seen.Count < 20_000)
        {
            _seen.TryAdd((culture, source, text), 0);
        }
    }

    public IReadOnlyList<(string Culture, string Source, string Text)> For(string culture) =>
        [.. _seen.Keys.Where(k => k.Culture == culture).OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Text, StringComparer.Ordinal)];
}
