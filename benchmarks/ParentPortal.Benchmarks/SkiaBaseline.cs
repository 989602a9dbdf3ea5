using ParentPortal.Platform.Pdf;
using SkiaSharp;

namespace ParentPortal.Benchmarks;

/// <summary>
/// The PDF writer the portal used until December 2026 (Skia's PDF backend drawing the same laid-out pages, fonts
/// embedded whole, no tags), kept only so the benchmark measures the new writer beside it in one run.
/// </summary>
internal sealed class SkiaBaseline : IDisposable
{
    private readonly Dictionary<PdfFontFace, SKTypeface> typefaces = [];
    private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKTextBlobBuilder blobs = new();
    private readonly Dictionary<(PdfFontFace Face, float Size), SKFont> fonts = [];

    public void Render(LaidOutDocument document, Stream output)
    {
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
        using var pdf = SKDocument.CreatePdf(output, pdfMetadata) ?? throw new InvalidOperationException("Skia could not start a PDF document.");
        foreach (var page in document.Pages)
        {
            var canvas = pdf.BeginPage(PdfLayoutEngine.PageWidth, PdfLayoutEngine.PageHeight);
            foreach (var op in page.Ops)
            {
                Draw(canvas, op);
            }

            pdf.EndPage();
        }

        pdf.Close();
    }

    private void Draw(SKCanvas canvas, DrawOp op)
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
                var module = qr.Size / qr.Modules.Size;
                fill.Color = SKColors.Black;
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

                break;
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

        if (any)
        {
            using var blob = blobs.Build();
            if (blob is not null)
            {
                fill.Color = new SKColor(op.Colour);
                canvas.DrawText(blob, op.X, op.Baseline, fill);
            }
        }
    }

    private SKFont Font(ShapedPiece piece)
    {
        if (!fonts.TryGetValue((piece.Face, piece.Size), out var font))
        {
            if (!typefaces.TryGetValue(piece.Face, out var typeface))
            {
                typeface = SKTypeface.FromData(SKData.CreateCopy(piece.Face.Font.Data.Span)) ?? throw new InvalidOperationException("Font unreadable.");
                typefaces.Add(piece.Face, typeface);
            }

            font = new SKFont(typeface, piece.Size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };
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

        foreach (var typeface in typefaces.Values)
        {
            typeface.Dispose();
        }

        blobs.Dispose();
        fill.Dispose();
        stroke.Dispose();
    }
}
