using System.Runtime.InteropServices;
using HarfBuzzSharp;
using ParentPortal.Platform.Pdf.Writer;

namespace ParentPortal.Platform.Pdf;

internal enum FaceStyle
{
    Regular,
    Bold,
    Italic,
}

/// <summary>One font file, loaded for shaping (HarfBuzz) and embedding (<see cref="TrueTypeFont"/>). Immutable once made, so shared by all threads.</summary>
internal sealed class PdfFontFace : IDisposable
{
    private readonly Blob blob;
    private readonly Face face;

    public PdfFontFace(string name, byte[] data, bool rightToLeft)
    {
        Name = name;
        RightToLeft = rightToLeft;
        Font = new TrueTypeFont(name, data);
        blob = CopyToBlob(data);
        face = new Face(blob, 0);
        UnitsPerEm = face.UnitsPerEm;
        Shaper = new HarfBuzzSharp.Font(face);
        Shaper.SetFunctionsOpenType();
        Shaper.SetScale(UnitsPerEm, UnitsPerEm);
    }

    public string Name { get; }

    /// <summary>The face of a right-to-left script: its letters are laid out from the right.</summary>
    public bool RightToLeft { get; }

    /// <summary>The font file as the PDF embeds it (cut down to the glyphs a document uses).</summary>
    public TrueTypeFont Font { get; }

    public HarfBuzzSharp.Font Shaper { get; }

    public int UnitsPerEm { get; }

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

    /// <summary>Words shaped in this face before, by text, size and direction (shaped pieces are never changed once made).</summary>
    internal BoundedCache<(string Text, float Size, int Level), ShapedPiece> Shaped { get; } = new(5_000);

    // For each character of the Basic Multilingual Plane: 0 not asked yet, 1 in the font, 2 not (races only repeat a lookup).
    private readonly byte[] known = new byte[0x10000];

    public bool HasGlyph(int codePoint)
    {
        if (codePoint < known.Length)
        {
            var answer = known[codePoint];
            if (answer != 0)
            {
                return answer == 1;
            }

            var has = Shaper.TryGetGlyph((uint)codePoint, out var found) && found != 0;
            known[codePoint] = has ? (byte)1 : (byte)2;
            return has;
        }

        return Shaper.TryGetGlyph((uint)codePoint, out var glyph) && glyph != 0;
    }

    public void Dispose()
    {
        Shaper.Dispose();
        face.Dispose();
        blob.Dispose();
    }

    public override string ToString() => Name;
}

/// <summary>
/// The fonts every PDF is drawn with, loaded once from the assembly at start-up. For each character the first face of
/// the style's chain that has it is used: Noto Sans Latin, then Greek/Cyrillic/Latin Extended Additional, then the
/// other scripts a family in England may write a name in (Arabic, Hebrew, Devanagari, Bengali, Gujarati, Gurmukhi,
/// Tamil, Sinhala, Chinese). Only the Latin faces have an italic: emphasis in another script prints upright.
/// </summary>
public sealed class PdfFontSet : IDisposable
{
    internal const string ResourcePrefix = "ParentPortal.Fonts.";

    // The scripts beyond Latin, Greek and Cyrillic, each with a regular and a bold face and a letter it must have.
    private static readonly (string Family, int Probe, bool RightToLeft)[] Scripts =
    [
        ("NotoSansArabic", 'م', true),
        ("NotoSansHebrew", 'ש', true),
        ("NotoSansDevanagari", 'क', false),
        ("NotoSansBengali", 'ক', false),
        ("NotoSansGujarati", 'ક', false),
        ("NotoSansGurmukhi", 'ਕ', false),
        ("NotoSansTamil", 'க', false),
        ("NotoSansSinhala", 'ක', false),
        ("NotoSansSC", '王', false),
    ];

    // A character each file must have, so a wrong or truncated file fails at start-up rather than in a parent's certificate.
    internal static readonly IReadOnlyList<(string File, int Probe, bool RightToLeft)> Files =
    [
        ("NotoSans-Regular-latin.ttf", 'Ł', false),
        ("NotoSans-Regular-ext.ttf", 'Ω', false),
        ("NotoSans-Bold-latin.ttf", 'Ł', false),
        ("NotoSans-Bold-ext.ttf", 'Ω', false),
        ("NotoSans-Italic-latin.ttf", 'Ł', false),
        ("NotoSans-Italic-ext.ttf", 'Ω', false),
        .. Scripts.SelectMany(s => new[] { ($"{s.Family}-Regular.ttf", s.Probe, s.RightToLeft), ($"{s.Family}-Bold.ttf", s.Probe, s.RightToLeft) }),
    ];

    private readonly Dictionary<string, PdfFontFace> faces;
    private readonly PdfFontFace[][] chains;

    private PdfFontSet(Dictionary<string, PdfFontFace> faces)
    {
        this.faces = faces;
        PdfFontFace[] Chain(string latin, string scriptWeight) =>
            [faces[$"NotoSans-{latin}-latin.ttf"], faces[$"NotoSans-{latin}-ext.ttf"], .. Scripts.Select(s => faces[$"{s.Family}-{scriptWeight}.ttf"])];
        chains = new PdfFontFace[3][];
        chains[(int)FaceStyle.Regular] = Chain("Regular", "Regular");
        chains[(int)FaceStyle.Bold] = Chain("Bold", "Bold");
        chains[(int)FaceStyle.Italic] = Chain("Italic", "Regular");
    }

    private static readonly Lazy<PdfFontSet> SharedEmbedded = new(LoadEmbedded);

    /// <summary>
    /// The embedded fonts, loaded once per process and never disposed: they hold about 25 MB (most of it Chinese), so
    /// every host in the process (the test suite starts many) shares them rather than each loading its own.
    /// </summary>
    public static PdfFontSet Shared => SharedEmbedded.Value;

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
