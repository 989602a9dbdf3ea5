using System.Text;
using ParentPortal.Platform.Pdf;
using ParentPortal.Tests.Features.Documents;
using QRCoder;
using SkiaSharp;

namespace ParentPortal.Tests.Platform.Pdf;

public sealed class PdfEngineTests
{
    [Fact]
    public void Fonts_MissingOneFromTheBuild_FailLoudly()
    {
        var assembly = typeof(PdfFontSet).Assembly;

        var error = Assert.Throws<InvalidOperationException>(() => PdfFontSet.Load(file =>
            file == "NotoSans-Bold-ext.ttf" ? null : assembly.GetManifestResourceStream(PdfFontSet.ResourcePrefix + file)));

        Assert.Contains("NotoSans-Bold-ext.ttf is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_ADamagedFile_FailsLoudly()
    {
        var assembly = typeof(PdfFontSet).Assembly;

        var error = Assert.Throws<InvalidOperationException>(() => PdfFontSet.Load(file =>
            file == "NotoSans-Regular-latin.ttf" ? new MemoryStream(Encoding.ASCII.GetBytes("not a font")) : assembly.GetManifestResourceStream(PdfFontSet.ResourcePrefix + file)));

        Assert.Contains("NotoSans-Regular-latin.ttf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_AreAllEmbeddedInTheAssembly()
    {
        var names = typeof(PdfFontSet).Assembly.GetManifestResourceNames();

        Assert.All(PdfFontSet.Files, f => Assert.Contains(PdfFontSet.ResourcePrefix + f.File, names));
    }

    [Fact]
    public void QrModules_MatchQrCodersMatrixForTheUrl()
    {
        const string url = "https://portal.example.org.uk/verify/7KXM-2QPT-9HWR";
        using var generator = new QRCodeGenerator();
        using var expected = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);

        var modules = QrModules.Create(url);

        Assert.Equal(expected.ModuleMatrix.Count, modules.Size);
        for (var row = 0; row < modules.Size; row++)
        {
            for (var column = 0; column < modules.Size; column++)
            {
                Assert.Equal(expected.ModuleMatrix[row][column], modules.IsDark(row, column));
            }
        }
    }

    [Fact]
    public void QrCode_AsPrinted_HasExactlyTheModulesOfTheUrl()
    {
        // No QR decoder is available here: rasterise the page and compare the centre of every module with the matrix.
        const string url = "https://portal.example.org.uk/verify/7KXM-2QPT-9HWR";
        var document = new PdfDocumentDefinition(NamePrintingTests.Metadata("QR"), [new QrCodeBlock(url, [new ParagraphBlock(url)], Size: 120f)]);
        var layout = DocumentSamples.Renderer.Layout(document);
        var qr = Assert.Single(layout.Pages[0].Ops.OfType<QrOp>());
        using var output = new MemoryStream();
        PdfRenderer.Render(layout, output);
        const int dpi = 300;

        var png = PdfText.RenderPng(output.ToArray(), "qr", dpi: dpi)[0];

        using var bitmap = SKBitmap.Decode(png);
        var scale = dpi / 72f;
        var module = qr.Size / qr.Modules.Size;
        for (var row = 0; row < qr.Modules.Size; row++)
        {
            for (var column = 0; column < qr.Modules.Size; column++)
            {
                var x = (int)((qr.X + ((column + 0.5f) * module)) * scale);
                var y = (int)((qr.Y + ((row + 0.5f) * module)) * scale);
                var dark = bitmap.GetPixel(x, y).Red < 128;
                Assert.True(qr.Modules.IsDark(row, column) == dark, $"module ({row}, {column})");
            }
        }
    }

    [Fact]
    public void KeepTogether_MovesTheGroupToTheNextPage_WhenItDoesNotFit()
    {
        // 30 filler paragraphs leave room for about 4 more: the group of 5 would otherwise be split 4 + 1.
        var filler = Enumerable.Range(1, 30).Select(i => (Block)new ParagraphBlock($"Filler line {i}.")).ToList();
        var group = new KeepTogetherBlock([.. Enumerable.Range(1, 5).Select(i => new ParagraphBlock($"Group line {i}."))]);
        var loose = group.Blocks;

        var kept = PdfText.Pages(DocumentSamples.Renderer.RenderToBytes(new PdfDocumentDefinition(NamePrintingTests.Metadata("K"), [.. filler, group])));
        var split = PdfText.Pages(DocumentSamples.Renderer.RenderToBytes(new PdfDocumentDefinition(NamePrintingTests.Metadata("K"), [.. filler, .. loose])));

        Assert.Contains("Group line 1.", split[0], StringComparison.Ordinal);
        Assert.Equal(2, kept.Count);
        Assert.Contains("Filler line 30.", kept[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Group line", kept[0], StringComparison.Ordinal);
        Assert.Contains("Group line 1. Group line 2. Group line 3. Group line 4. Group line 5.", kept[1], StringComparison.Ordinal);
    }

    [Fact]
    public void LongWord_WrapsBetweenCharacters_InsteadOfRunningOffThePage()
    {
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 20));
        var layout = DocumentSamples.Renderer.Layout(new PdfDocumentDefinition(NamePrintingTests.Metadata("W"), [new ParagraphBlock(word)]));

        var lines = layout.Pages[0].Ops.OfType<TextOp>().Where(t => t.Baseline > PdfLayoutEngine.BodyTop && t.Baseline < PdfLayoutEngine.BodyBottom).ToList();

        Assert.True(lines.Count >= 2);
        Assert.All(lines, l => Assert.True(l.X + l.Line.Width <= PdfLayoutEngine.Margin + PdfLayoutEngine.ContentWidth + 0.01f));
    }

    [Fact]
    public void ControlCharactersAndZeroWidthSpaces_AreDropped()
    {
        var pages = PdfText.Pages(DocumentSamples.Renderer.RenderToBytes(new PdfDocumentDefinition(
            NamePrintingTests.Metadata("C"), [new ParagraphBlock("Sam\u200B\u0007 Tay\u202Elor")])));

        Assert.Contains("Sam Taylor", pages[0], StringComparison.Ordinal);
    }
}
