using System.Runtime.InteropServices;
using HarfBuzzSharp;
using SkiaSharp;

namespace ParentPortal.Platform.Pdf;

internal enum FaceStyle
{
    Regular,
    Bold,
    Italic,
}

/// <summary>One font file, loaded for both drawing (Skia) and shaping (HarfBuzz). Immutable once made, so shared by all threads.</summary>
internal sealed class PdfFontFace : IDisposable
{
    private readonly Blob blob;
    private readonly Face face;

    public PdfFontFace(string name, byte[] data, bool rightToLeft)
    {
        Name = name;
        RightToLeft = rightToLeft;
        // FromData returns null for a damaged file instead of throwing; an unnoticed null would print in a system font.
        Typeface = SKTypeface.FromData(SKData.CreateCopy(data))
            ?? throw new InvalidOperationException($"The PDF font {name} could not be read: the embedded file is damaged.");
        blob = CopyToBlob(data);
        face = new Face(blob, 0);
        UnitsPerEm = face.UnitsPerEm;
        Shaper = new HarfBuzzSharp.Font(face);
        Shaper.SetFunctionsOpenType();
        Shaper.SetScale(UnitsPerEm, UnitsPerEm);

        using var font = new SKFont(Typeface, 1f);
        var metrics = font.Metrics;
        Ascent = -metrics.Ascent;
        Descent = metrics.Descent;
    }

    public string Name { get; }

    /// <summary>The face of a right-to-left script: its letters are laid out from the right.</summary>
    public bool RightToLeft { get; }

    public SKTypeface Typeface { get; }

    public HarfBuzzSharp.Font Shaper { get; }

    public int UnitsPerEm { get; }

    /// <summary>Above the baseline, in ems.</summary>
    public float Ascent { get; }

    /// <summary>Below the baseline, in ems.</summary>
    public float Descent { get; }

    // Blob.FromStream keeps a pointer into a managed array that the garbage collector may move: HarfBuzz then reads
    // garbage and reports glyphs missing at random. Duplicate makes HarfBuzz take its own copy while the array is pinned.
    private static Blob CopyToBlob(byte[] data)
    {
        var pinned = GCHandle.Alloc(data, GCHandleType.Pinned);
        try
        {
            return new Blob(pinned.AddrOfPinnedObject(), data.Length, MemoryMode.Duplicate);
        }
        finally
        {
            pinned.Free();
        }
    }

    public bool HasGlyph(int codePoint) => Shaper.TryGetGlyph((uint)codePoint, out var glyph) && glyph != 0;

    public void Dispose()
    {
        Shaper.Dispose();
        face.Dispose();
        blob.Dispose();
        Typeface.Dispose();
    }

    public override string ToString() => Name;
}

/// <summary>
/// The fonts every PDF is drawn with, loaded once from the assembly at start-up. For each character the first face of
/// the style's chain that has it is used: Noto Sans Latin, then Greek/Cyrillic/Latin Extended Additional, then Arabic.
/// </summary>
public sealed class PdfFontSet : IDisposable
{
    internal const string ResourcePrefix = "ParentPortal.Fonts.";

    // A character each file must have, so a wrong or truncated file fails at start-up rather than in a parent's certificate.
    internal static readonly IReadOnlyList<(string File, int Probe, bool RightToLeft)> Files =
    [
        ("NotoSans-Regular-latin.ttf", 'Ł', false),
        ("NotoSans-Regular-ext.ttf", 'Ω', false),
        ("NotoSans-Bold-latin.ttf", 'Ł', false),
        ("NotoSans-Bold-ext.ttf", 'Ω', false),
        ("NotoSans-Italic-latin.ttf", 'Ł', false),
        ("NotoSans-Italic-ext.ttf", 'Ω', false),
        ("NotoSansArabic-Regular.ttf", 'م', true),
        ("NotoSansArabic-Bold.ttf", 'م', true),
    ];

    private readonly Dictionary<string, PdfFontFace> faces;
    private readonly PdfFontFace[][] chains;

    private PdfFontSet(Dictionary<string, PdfFontFace> faces)
    {
        this.faces = faces;
        chains = new PdfFontFace[3][];
        chains[(int)FaceStyle.Regular] = [faces["NotoSans-Regular-latin.ttf"], faces["NotoSans-Regular-ext.ttf"], faces["NotoSansArabic-Regular.ttf"]];
        chains[(int)FaceStyle.Bold] = [faces["NotoSans-Bold-latin.ttf"], faces["NotoSans-Bold-ext.ttf"], faces["NotoSansArabic-Bold.ttf"]];
        // Arabic has no italic: emphasis in Arabic script prints upright.
        chains[(int)FaceStyle.Italic] = [faces["NotoSans-Italic-latin.ttf"], faces["NotoSans-Italic-ext.ttf"], faces["NotoSansArabic-Regular.ttf"]];
    }

    /// <summary>Loads the fonts embedded in the ParentPortal assembly; throws if any is missing or unreadable.</summary>
    public static PdfFontSet LoadEmbedded()
    {
        var assembly = typeof(PdfFontSet).Assembly;
        return Load(file => assembly.GetManifestResourceStream(ResourcePrefix + file));
    }

    internal static PdfFontSet Load(Func<string, Stream?> open)
    {
        var faces = new Dictionary<string, PdfFontFace>(StringComparer.Ordinal);
        try
        {
            foreach (var (file, probe, rightToLeft) in Files)
            {
                using var stream = open(file)
                    ?? throw new InvalidOperationException($"The PDF font {file} is missing from the build: it is embedded from wwwroot-assets/fonts.");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var face = new PdfFontFace(file, copy.ToArray(), rightToLeft);
                faces.Add(file, face);
                if (!face.HasGlyph(probe))
                {
                    throw new InvalidOperationException($"The PDF font {file} lacks the character {char.ConvertFromUtf32(probe)}: it is not the expected subset.");
                }
            }
        }
        catch
        {
            foreach (var face in faces.Values)
            {
                face.Dispose();
            }

            throw;
        }

        return new PdfFontSet(faces);
    }

    internal IReadOnlyList<PdfFontFace> Chain(FaceStyle style) => chains[(int)style];

    internal PdfFontFace Primary(FaceStyle style) => chains[(int)style][0];

    public void Dispose()
    {
        foreach (var face in faces.Values)
        {
            face.Dispose();
        }
    }
}
