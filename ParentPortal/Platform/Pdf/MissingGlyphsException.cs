using System.Globalization;

namespace ParentPortal.Platform.Pdf;

/// <summary>
/// Text that the PDF fonts cannot print correctly. The document is refused rather than printed with empty
/// boxes or in the wrong order: catch this and tell staff what to change.
/// </summary>
public class UnsupportedTextException : Exception
{
    public UnsupportedTextException()
    {
    }

    public UnsupportedTextException(string message)
        : base(message)
    {
    }

    public UnsupportedTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The piece of text (a name, a sentence) that cannot be printed.</summary>
    public string? Text { get; init; }
}

/// <summary>Characters that no shipped font has (Chinese, Hindi, emoji...).</summary>
public sealed class MissingGlyphsException : UnsupportedTextException
{
    public MissingGlyphsException()
    {
    }

    public MissingGlyphsException(string message)
        : base(message)
    {
    }

    public MissingGlyphsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MissingGlyphsException(string text, IReadOnlyList<string> characters)
        : base(Describe(text, characters))
    {
        Text = text;
        Characters = characters;
    }

    /// <summary>Each character (a whole code point, so an emoji is one entry) once, in order of appearance.</summary>
    public IReadOnlyList<string> Characters { get; } = [];

    private static string Describe(string text, IReadOnlyList<string> characters)
    {
        var list = string.Join(", ", characters.Select(c => $"{c} (U+{char.ConvertToUtf32(c, 0).ToString("X4", CultureInfo.InvariantCulture)})"));
        return $"This name or text contains characters the certificate font cannot print: {list}. "
            + "The PDF fonts cover Latin, Greek, Cyrillic and Arabic script. "
            + $"Check the spelling, or ask the family how they would like it written in one of those scripts. The text was: \"{text}\".";
    }
}
