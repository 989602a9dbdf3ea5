using SkiaSharp;

namespace ParentPortal.Platform.Pdf;

/// <summary>
/// Lays out and draws a <see cref="PdfDocumentDefinition"/> with Skia's PDF backend. The only class (with its layout
/// engine and shaper) that knows Skia: another PDF library would replace these and leave the composers alone.
/// Thread-safe; register one for the application.
/// </summary>
public sealed class PdfRenderer
{
    private readonly TextShaper shaper;

    public PdfRenderer(PdfFontSet fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        shaper = new TextShaper(fonts);
    }

    /// <exception cref="UnsupportedTextException">Some text cannot be printed correctly with the shipped fonts.</exception>
    public LaidOutDocument Layout(PdfDocumentDefinition document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new PdfLayoutEngine(shaper).Layout(document);
    }

    /// <exception cref="UnsupportedTextException">Some text cannot be printed correctly with the shipped fonts.</exception>
    public void Render(PdfDocumentDefinition document, Stream output) => Render(Layout(document), output);

    public byte[] RenderToBytes(PdfDocumentDefinition document)
    {
        using var output = new MemoryStream();
        Render(document, output);
        return output.ToArray();
    }

    /// <summary>
    /// Same input, same bytes: the dates come from <see cref="DocumentMetadata.CreatedAt"/>, and without PDF/A Skia
    /// writes no random document ID.
    /// </summary>
    public static void Render(LaidOutDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var meta = document.Metadata;
        var created = meta.CreatedAt.UtcDateTime;
        var pdfMetadata = new SKDocumentPdfMetadata
        {
            Title = meta.Title,
            Author = meta.Organisation,
            Subject = meta.Subject ?? string.Empty,
            Creator = "ParentPortal",
            Producer = "ParentPortal (SkiaSharp PDF)",
            Creation = created,
            Modified = created,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };

        using var pdf = SKDocument.CreatePdf(output, pdfMetadata)
            ?? throw new InvalidOperationException("Skia could not start a PDF document.");
        using var painter = new Painter();
        foreach (var page in document.Pages)
        {
            var canvas = pdf.BeginPage(PdfLayoutEngine.PageWidth, PdfLayoutEngine.PageHeight);
            foreach (var op in page.Ops)
            {
                painter.Draw(canvas, op);
            }

            pdf.EndPage();
        }

        pdf.Close();
    }

    private sealed class Painter : IDisposable
    {
        private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
        private readonly SKPaint stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
        private readonly SKTextBlobBuilder blobs = new();
        private readonly Dictionary<(PdfFontFace Face, float Size), SKFont> fonts = [];

        public void Draw(SKCanvas canvas, DrawOp op)
        {
            switch (op)
            {
                case TextOp text:
                    DrawText(canvas, text);
                    break;
                case FillOp box:
                    fill.Color = new SKColor(box.Colour);
                    canvas.DrawRect(box.X, box.Y, box.Width, box.Height, fill);
                    break;
                case StrokeOp box:
                    stroke.Color = new SKColor(box.Colour);
                    stroke.StrokeWidth = box.Thickness;
                    canvas.DrawRect(box.X, box.Y, box.Width, box.Height, stroke);
                    break;
                case LineOp line:
                    stroke.Color = new SKColor(line.Colour);
                    stroke.StrokeWidth = line.Thickness;
                    canvas.DrawLine(line.X1, line.Y1, line.X2, line.Y2, stroke);
                    break;
                case QrOp qr:
                    DrawQr(canvas, qr);
                    break;
                default:
                    throw new ArgumentException($"The PDF renderer does not know {op.GetType().Name}.", nameof(op));
            }
        }

        private void DrawText(SKCanvas canvas, TextOp op)
        {
            var any = false;
            foreach (var placed in op.Line.Pieces)
            {
                var piece = placed.Piece;
                if (piece.Glyphs.Length == 0)
                {
                    continue;
                }

                // Glyphs with their text and clusters: the PDF then maps each glyph back to the characters it draws.
                var run = blobs.AllocatePositionedTextRun(Font(piece), piece.Glyphs.Length, piece.Utf8.Length, null);
                piece.Glyphs.CopyTo(run.Glyphs);
                piece.Clusters.CopyTo(run.Clusters);
                piece.Utf8.CopyTo(run.Text);
                var positions = run.Positions;
                for (var i = 0; i < piece.Glyphs.Length; i++)
                {
                    positions[i] = new SKPoint(placed.X + piece.X[i], piece.Y[i]);
                }

                any = true;
            }

            if (!any)
            {
                return;
            }

            using var blob = blobs.Build();
            if (blob is not null)
            {
                fill.Color = new SKColor(op.Colour);
                canvas.DrawText(blob, op.X, op.Baseline, fill);
            }
        }

        private void DrawQr(SKCanvas canvas, QrOp qr)
        {
            var module = qr.Size / qr.Modules.Size;
            fill.Color = SKColors.Black;
            fill.IsAntialias = false;
            // One rectangle per horizontal stretch of dark modules keeps the page small and the edges crisp.
            for (var row = 0; row < qr.Modules.Size; row++)
            {
                var column = 0;
                while (column < qr.Modules.Size)
                {
                    if (!qr.Modules.IsDark(row, column))
                    {
                        column++;
                        continue;
                    }

                    var start = column;
                    while (column < qr.Modules.Size && qr.Modules.IsDark(row, column))
                    {
                        column++;
                    }

                    canvas.DrawRect(qr.X + (start * module), qr.Y + (row * module), (column - start) * module, module, fill);
                }
            }

            fill.IsAntialias = true;
        }

        private SKFont Font(ShapedPiece piece)
        {
            if (!fonts.TryGetValue((piece.Face, piece.Size), out var font))
            {
                font = new SKFont(piece.Face.Typeface, piece.Size)
                {
                    Subpixel = true,
                    LinearMetrics = true,
                    Hinting = SKFontHinting.None,
                    Edging = SKFontEdging.Antialias,
                };
                fonts.Add((piece.Face, piece.Size), font);
            }

            return font;
        }

        public void Dispose()
        {
            foreach (var font in fonts.Values)
            {
                font.Dispose();
            }

            blobs.Dispose();
            fill.Dispose();
            stroke.Dispose();
        }
    }
}
