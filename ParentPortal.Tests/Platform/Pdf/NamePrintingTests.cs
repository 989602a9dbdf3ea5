using System.Text;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Pdf;
using ParentPortal.Tests.Features.Documents;

namespace ParentPortal.Tests.Platform.Pdf;

/// <summary>Every name prints exactly as entered, or the document is refused: never empty boxes, never the wrong order.</summary>
public sealed class NamePrintingTests
{
    private static readonly string[] Names =
    [
        "Łukasz Dvořák",
        "Siân O'Brien-Núñez",
        "Zoë",
        "Ngozi Ọlá",
        "Adébáyọ̀ Ọ̀ṣun",
        "Nguyễn Thị Ánh",
        "Αλέξανδρος Παπαδόπουλος",
        "Дмитрий Иванов",
        "Ioana Ștefănescu",
        "Ciarán Ó Súilleabháin",
        "Gwenllïan ap Dafydd",
    ];

    public static TheoryData<string> SupportedNames => new(Names);

    [Theory]
    [MemberData(nameof(SupportedNames))]
    public void Name_PrintsExactlyAsEntered(string name)
    {
        var text = PrintedText(name);

        Assert.Equal(name.Normalize(NormalizationForm.FormC), text);
    }

    [Theory]
    [InlineData("Sia\u0302n", "Siân")]
    [InlineData("Zoe\u0308 Nu\u0301n\u0303ez", "Zoë Núñez")]
    [InlineData("Lukasz Dvor\u030Ca\u0301k", "Lukasz Dvořák")]
    public void DecomposedName_PrintsComposed(string entered, string expected)
    {
        var text = PrintedText(entered);

        Assert.Equal(expected, text);
        Assert.Equal(expected, text.Normalize(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("محمد علي")]
    [InlineData("عائشہ خان")]
    [InlineData("فاطمة الزهراء")]
    public void ArabicScriptName_IsShapedAndPrintedRightToLeft(string name)
    {
        var text = PrintedText(name);

        // The PDF holds the shaped (joined) letter forms in visual order, left to right: read back right to left and
        // folded to the base letters (NFKC), it is the name as typed.
        var logical = new string([.. text.Reverse()]).Normalize(NormalizationForm.FormKC);
        Assert.Equal(name, logical);
    }

    [Fact]
    public void ArabicNameInsideEnglishSentence_KeepsTheSentenceOrder()
    {
        var text = PrintedText("The parent, محمد علي, asked for mediation.");

        Assert.StartsWith("The parent,", text, StringComparison.Ordinal);
        Assert.EndsWith(", asked for mediation.", text, StringComparison.Ordinal);
        var arabic = text["The parent, ".Length..^", asked for mediation.".Length];
        Assert.Equal("محمد علي", new string([.. arabic.Reverse()]).Normalize(NormalizationForm.FormKC));
    }

    public static TheoryData<string, string> NamesInEveryScript => new()
    {
        { "Chinese (Simplified)", "王秀英" },
        { "Chinese (Traditional)", "陳志明" },
        { "Bengali", "অনন্যা রহমান" },
        { "Devanagari (Hindi)", "अनन्या शर्मा" },
        { "Devanagari (reordered vowel sign)", "किरण" },
        { "Gujarati", "પ્રિયા પટેલ" },
        { "Gurmukhi (Punjabi)", "ਹਰਪ੍ਰੀਤ ਸਿੰਘ" },
        { "Tamil", "கார்த்திக் ராஜா" },
        { "Sinhala", "නිමල් පෙරේරා" },
        { "Hebrew", "דוד כהן" },
        { "Arabic", "فاطمة الزهراء" },
        { "Urdu", "عائشہ خان" },
    };

    /// <summary>
    /// A name in each script a family may write it in prints, regular and bold (a signature block), alone and inside an
    /// English sentence, and pdftotext (poppler, as copy and paste and screen readers get it) gives back exactly
    /// what was typed: ActualText carries the logical order where the glyphs are reordered or joined.
    /// </summary>
    [Theory]
    [MemberData(nameof(NamesInEveryScript))]
    public void NameInEveryScript_PrintsAndReadsBackAsTyped(string script, string name)
    {
        var blocks = new Block[]
        {
            new ParagraphBlock(name),
            new ParagraphBlock([TextRun.Strong(name)]),
            new ParagraphBlock($"The parent, {name}, asked for mediation."),
        };
        var pdf = DocumentSamples.Renderer.RenderToBytes(new PdfDocumentDefinition(Metadata("Names"), blocks));

        var (exitCode, text) = PdfText.Tool(pdf, "script-" + script.Split(' ')[0].ToLowerInvariant(), "pdftotext");

        Assert.Equal(0, exitCode);
        // The body comes after the running header; poppler wraps right-to-left text in embedding marks (U+202B, U+202C).
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Replace("\u202B", string.Empty, StringComparison.Ordinal).Replace("\u202C", string.Empty, StringComparison.Ordinal).Trim().Normalize(NormalizationForm.FormC))
            .SkipWhile(l => l != "Test organisation").Skip(1).ToList();
        var expected = name.Normalize(NormalizationForm.FormC);
        Assert.Equal(expected, lines[0]);
        Assert.Equal(expected, lines[1]);
        Assert.Equal($"The parent, {expected}, asked for mediation.", lines[2]);
        Assert.True(PdfText.PdfUaCheck(pdf, "script-ua").ExitCode == 0, script);
    }

    [Fact]
    public void NamesInEveryScript_RenderToPng_ForALook()
    {
        var blocks = new List<Block> { new HeadingBlock("Names in every script", 1) };
        blocks.AddRange(NamesInEveryScript.Select(row => (Block)new ParagraphBlock([TextRun.Plain((string)row[0] + ": "), TextRun.Plain((string)row[1] + "  "), TextRun.Strong((string)row[1])])));

        var bytes = DocumentSamples.Renderer.RenderToBytes(new PdfDocumentDefinition(Metadata("Scripts"), blocks));

        Assert.NotEmpty(PdfText.RenderPng(bytes, "scripts", dpi: 110));
    }

    [Fact]
    public void NumberAfterArabicText_IsRefusedRatherThanMisplaced()
    {
        var error = Assert.Throws<UnsupportedTextException>(() => PrintedText("محمد علي 2"));

        Assert.Contains("numbers straight after Arabic-script words", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Priya 😊 Shah", new[] { "😊" })]
    [InlineData("Łukasz 김민준", new[] { "김", "민", "준" })]
    [InlineData("Tenzin བསྟན་འཛིན", new[] { "བ", "ས", "ྟ", "ན", "་", "འ", "ཛ", "ི" })]
    public void UnsupportedScript_IsRefusedNamingTheCharacters(string name, string[] missing)
    {
        var error = Assert.Throws<MissingGlyphsException>(() => PrintedText(name));

        Assert.Equal(missing, error.Characters);
        Assert.Equal(name, error.Text);
        Assert.StartsWith("This name or text contains characters the certificate font cannot print: ", error.Message, StringComparison.Ordinal);
        foreach (var character in missing)
        {
            Assert.Contains(character, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnsupportedNameOnACertificate_RefusesTheWholeCertificate()
    {
        var certificate = DocumentSamples.Certificate(CertificateKind.AfterMediation, applicant: "김민준");

        var error = Assert.Throws<MissingGlyphsException>(() => DocumentSamples.Pdfs.Certificate(certificate, DocumentSamples.CreatedAt));

        Assert.Contains("김 (U+AE40)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesInEveryStyle_RenderToPng_ForALook()
    {
        IReadOnlyList<string> names = [.. Names, "محمد علي", "عائشہ خان"];
        var blocks = new List<Block> { new HeadingBlock("Names", 1) };
        blocks.AddRange(names.Select(n => new ParagraphBlock([TextRun.Plain(n + "  "), TextRun.Strong(n + "  "), TextRun.Emphasis(n)])));

        var bytes = DocumentSamples.Renderer.RenderToBytes(new PdfDocumentDefinition(Metadata("Names"), blocks));

        Assert.NotEmpty(PdfText.RenderPng(bytes, "names", dpi: 110));
    }

    internal static DocumentMetadata Metadata(string title) => new(title, "Test organisation", DocumentSamples.CreatedAt);

    /// <summary>
    /// The name alone on a page, read back letter by letter in drawing order (the body is drawn before the header and
    /// footer). Not GetWords: it sorts letters by position, and a combining mark placed over its letter (ọ̀) sorts
    /// before it and splits the word.
    /// </summary>
    private static string PrintedText(string name)
    {
        var bytes = DocumentSamples.Renderer.RenderToBytes(new PdfDocumentDefinition(Metadata("T"), [new ParagraphBlock(name)]));
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var letters = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));
        const string header = "Test organisation";
        var end = letters.IndexOf(header, StringComparison.Ordinal);
        Assert.True(end >= 0, letters);
        return letters[..end].Normalize(NormalizationForm.FormC);
    }
}
