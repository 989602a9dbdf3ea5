using System.Globalization;

namespace ParentPortal.Platform.Pdf;

internal abstract record DrawOp
{
    /// <summary>The structure element this belongs to; none for an artifact (rules, shading, running headers and footers).</summary>
    public StructureElement? Node { get; init; }
}

internal sealed record TextOp(TextLine Line, float X, float Baseline, uint Colour) : DrawOp;

internal sealed record FillOp(float X, float Y, float Width, float Height, uint Colour) : DrawOp;

internal sealed record StrokeOp(float X, float Y, float Width, float Height, float Thickness, uint Colour) : DrawOp;

internal sealed record LineOp(float X1, float Y1, float X2, float Y2, float Thickness, uint Colour) : DrawOp;

internal sealed record QrOp(float X, float Y, float Size, QrModules Modules) : DrawOp;

internal sealed class LaidOutPage
{
    public List<DrawOp> Ops { get; } = [];
}

/// <summary>Every page with everything on it placed, footers included: what the renderer draws, and what tests can inspect.</summary>
public sealed class LaidOutDocument
{
    internal LaidOutDocument(DocumentMetadata metadata, IReadOnlyList<LaidOutPage> pages, StructureElement structure)
    {
        Metadata = metadata;
        Pages = pages;
        Structure = structure;
    }

    public DocumentMetadata Metadata { get; }

    /// <summary>The logical structure (the tags): a Document element whose descendants follow the blocks.</summary>
    public StructureElement Structure { get; }

    internal IReadOnlyList<LaidOutPage> Pages { get; }
}

/// <summary>
/// Places blocks on A4 pages top to bottom. Pass one places the body and so learns the page count; pass two adds
/// each page's header and its "Page X of Y" footer, in space reserved for them, so nothing moves.
/// </summary>
internal sealed class PdfLayoutEngine
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float Margin = 56.7f;
    public const float BodyTop = 74f;
    public const float BodyBottom = PageHeight - 62f;
    public const float ContentWidth = PageWidth - (2 * Margin);

    public const uint Ink = 0xFF1B1F24;
    public const uint Muted = 0xFF505A66;
    public const uint Accent = 0xFF1D4E89;
    public const uint Rule = 0xFFBFC7D2;
    public const uint Shade = 0xFFEEF2F7;

    private const float BodySize = 10.5f;
    private const float SmallSize = 8.8f;
    private const float TableSize = 9.5f;
    private const float LineSpacing = 1.38f;

    private readonly TextShaper shaper;
    private readonly float bottom;

    // Only finding out how tall something is: nothing placed is drawn, so nothing costly (a QR code) is made.
    private readonly bool measuring;
    private readonly List<LaidOutPage> pages = [];
    private readonly StructureElement root = new("Document");
    private LaidOutPage page = null!;
    private float y;

    // Where the next block's elements go: the document, or a list item, table row or figure group being placed.
    private StructureElement container;

    // Paragraphs wrapped already in this document, by their runs (the same list when a keep-together group is measured
    // and then placed) and width: measuring first must not cost the wrapping twice.
    private readonly Dictionary<(IReadOnlyList<TextRun> Runs, float Size, float Width, TextAlignment Alignment), IReadOnlyList<TextLine>> wrapped;

    public PdfLayoutEngine(TextShaper shaper, bool measureOnly = false)
        : this(shaper, measureOnly, [])
    {
    }

    private PdfLayoutEngine(TextShaper shaper, bool measureOnly, Dictionary<(IReadOnlyList<TextRun>, float, float, TextAlignment), IReadOnlyList<TextLine>> wrapped)
    {
        this.wrapped = wrapped;
        this.shaper = shaper;
        bottom = measureOnly ? float.PositiveInfinity : BodyBottom;
        measuring = measureOnly;
        container = root;
        NewPage();
    }

    private float Remaining => bottom - y;

    private bool AtTop => y <= BodyTop;

    public LaidOutDocument Layout(PdfDocumentDefinition document)
    {
        foreach (var block in document.Blocks)
        {
            Place(block);
        }

        AddHeadersAndFooters(document.Metadata);
        return new LaidOutDocument(document.Metadata, pages, root);
    }

    private static float LineHeight(float size) => size * LineSpacing;

    private IReadOnlyList<TextLine> Wrap(IReadOnlyList<TextRun> runs, float size, float width, TextAlignment alignment)
    {
        if (!wrapped.TryGetValue((runs, size, width, alignment), out var lines))
        {
            lines = shaper.Wrap(runs, size, width, alignment);
            wrapped[(runs, size, width, alignment)] = lines;
        }

        return lines;
    }

    private void Emit(DrawOp op, StructureElement? node) => page.Ops.Add(node is null ? op : op with { Node = node });

    private StructureElement Element(string role, string? alt = null, string? scope = null, string? numbering = null) =>
        new(role, container) { Alt = alt, Scope = scope, ListNumbering = numbering };

    private void Within(StructureElement parent, Action place)
    {
        var outer = container;
        container = parent;
        try
        {
            place();
        }
        finally
        {
            container = outer;
        }
    }

    // Centres the font's ascent + descent (Noto Sans: 1.069 + 0.293 em) in the line box.
    private static float BaselineOffset(float size) => ((LineHeight(size) - (1.362f * size)) / 2) + (1.069f * size);

    private void NewPage()
    {
        page = new LaidOutPage();
        pages.Add(page);
        y = BodyTop;
    }

    private void EnsureSpace(float height)
    {
        if (height > Remaining && !AtTop)
        {
            NewPage();
        }
    }

    private void Gap(float height)
    {
        if (!AtTop)
        {
            y += height;
        }
    }

    private void Place(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                PlaceHeading(heading);
                break;
            case ParagraphBlock paragraph:
                PlaceParagraph(paragraph, Margin, ContentWidth);
                break;
            case ListBlock list:
                PlaceList(list);
                break;
            case KeyValueListBlock list:
                PlaceKeyValues(list);
                break;
            case TableBlock table:
                PlaceTable(table);
                break;
            case SignatureBlock signatures:
                PlaceSignatures(signatures);
                break;
            case QrCodeBlock qr:
                PlaceQr(qr);
                break;
            case KeepTogetherBlock group:
                PlaceTogether(group);
                break;
            case LanguageBlock part:
                Within(new StructureElement("Sect", container) { Language = part.Language }, () =>
                {
                    foreach (var inner in part.Blocks)
                    {
                        Place(inner);
                    }
                });
                break;
            default:
                throw new ArgumentException($"The PDF layout does not know the block {block.GetType().Name}.", nameof(block));
        }
    }

    private void PlaceHeading(HeadingBlock heading)
    {
        var (size, before, after, colour) = heading.Level switch
        {
            1 => (19f, 0f, 8f, Accent),
            2 => (13f, 14f, 4f, Accent),
            _ => (11f, 10f, 2f, Ink),
        };
        var lines = shaper.Wrap([TextRun.Strong(heading.Text)], size, ContentWidth);
        var element = Element("H" + Math.Clamp(heading.Level, 1, 6).ToString(CultureInfo.InvariantCulture));
        Gap(before);
        // Keep a heading with the first lines of what follows it.
        EnsureSpace((lines.Count * LineHeight(size)) + (3 * LineHeight(BodySize)));
        foreach (var line in lines)
        {
            Emit(new TextOp(line, Margin, y + BaselineOffset(size), colour), element);
            y += LineHeight(size);
        }

        y += after;
    }

    private void PlaceParagraph(ParagraphBlock paragraph, float left, float width, string role = "P")
    {
        var element = Element(role);
        var (size, colour, after) = paragraph.Style switch
        {
            ParagraphStyle.Small => (SmallSize, Muted, 4f),
            _ => (BodySize, Ink, 6f),
        };

        if (paragraph.Style == ParagraphStyle.Callout)
        {
            const float pad = 8f;
            const float bar = 3f;
            var boxed = Wrap(paragraph.Runs, size, width - (2 * pad) - bar, paragraph.Alignment);
            var height = (boxed.Count * LineHeight(size)) + (2 * pad);
            EnsureSpace(height);
            page.Ops.Add(new FillOp(left, y, width, height, Shade));
            page.Ops.Add(new FillOp(left, y, bar, height, Accent));
            var lineTop = y + pad;
            foreach (var line in boxed)
            {
                Emit(new TextOp(line, left + bar + pad, lineTop + BaselineOffset(size), colour), element);
                lineTop += LineHeight(size);
            }

            y += height + 8f;
            return;
        }

        var lines = Wrap(paragraph.Runs, size, width, paragraph.Alignment);
        // No single line stranded at the foot of a page.
        EnsureSpace(Math.Min(lines.Count, 2) * LineHeight(size));
        foreach (var line in lines)
        {
            EnsureSpace(LineHeight(size));
            Emit(new TextOp(line, left, y + BaselineOffset(size), colour), element);
            y += LineHeight(size);
        }

        y += after;
    }

    private void PlaceList(ListBlock list)
    {
        const float indent = 16f;
        var lineHeight = LineHeight(BodySize);
        var listElement = Element("L", numbering: list.Numbered ? "Decimal" : "Disc");
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = new StructureElement("LI", listElement);
            var label = new StructureElement("Lbl", item);
            var body = new StructureElement("LBody", item);
            var marker = shaper.Line(list.Numbered ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}.") : "\u2022", BodySize);
            var lines = Wrap(list.Items[i], BodySize, ContentWidth - indent, TextAlignment.Left);
            EnsureSpace(Math.Min(lines.Count, 2) * lineHeight);
            Emit(new TextOp(marker, Margin + (list.Numbered ? indent - 4f - marker.Width : 3f), y + BaselineOffset(BodySize), Muted), label);
            foreach (var line in lines)
            {
                EnsureSpace(lineHeight);
                Emit(new TextOp(line, Margin + indent, y + BaselineOffset(BodySize), Ink), body);
                y += lineHeight;
            }

            y += 2f;
        }

        y += 6f;
    }

    private void PlaceKeyValues(KeyValueListBlock list)
    {
        const float gap = 12f;
        var keyWidth = MathF.Round(ContentWidth * 0.34f);
        var valueWidth = ContentWidth - keyWidth - gap;
        var lineHeight = LineHeight(BodySize);
        // Labels and values are a table with row headers: a screen reader announces the label with its value.
        var table = Element("Table");
        foreach (var item in list.Items)
        {
            var row = new StructureElement("TR", table);
            var key = new StructureElement("TH", row) { Scope = "Row" };
            var value = new StructureElement("TD", row);
            var keyLines = shaper.Wrap([TextRun.Plain(item.Key)], BodySize, keyWidth);
            var valueLines = Wrap(item.Value, BodySize, valueWidth, TextAlignment.Left);
            var height = Math.Max(keyLines.Count, valueLines.Count) * lineHeight;
            EnsureSpace(height);
            for (var i = 0; i < keyLines.Count; i++)
            {
                Emit(new TextOp(keyLines[i], Margin, y + (i * lineHeight) + BaselineOffset(BodySize), Muted), key);
            }

            for (var i = 0; i < valueLines.Count; i++)
            {
                Emit(new TextOp(valueLines[i], Margin + keyWidth + gap, y + (i * lineHeight) + BaselineOffset(BodySize), Ink), value);
            }

            y += height + 3f;
        }

        y += 6f;
    }

    private void PlaceTable(TableBlock table)
    {
        const float padX = 5f;
        const float padY = 4f;
        var lineHeight = LineHeight(TableSize);
        var total = table.Columns.Sum(c => c.Width);
        var widths = table.Columns.Select(c => ContentWidth * c.Width / total).ToArray();
        var lefts = new float[widths.Length];
        for (var i = 1; i < widths.Length; i++)
        {
            lefts[i] = lefts[i - 1] + widths[i - 1];
        }

        List<IReadOnlyList<TextLine>> WrapRow(IReadOnlyList<string> cells, bool bold) =>
            [.. widths.Select((w, i) => shaper.Wrap([new TextRun(i < cells.Count ? cells[i] : string.Empty, bold)], TableSize, w - (2 * padX)))];

        var header = WrapRow([.. table.Columns.Select(c => c.Header)], bold: true);
        var tableElement = Element("Table");
        var headerRow = new StructureElement("TR", tableElement);
        var headerCells = table.Columns.Select(_ => new StructureElement("TH", headerRow) { Scope = "Column" }).ToArray();
        var headerTagged = false;
        var headerHeight = (header.Max(c => c.Count) * lineHeight) + (2 * padY);

        // A header repeated on a later page is an artifact: the tags hold it once.
        void DrawRow(List<IReadOnlyList<TextLine>> cells, int firstLine, int lineCount, bool isHeader, StructureElement?[] tags)
        {
            var height = (lineCount * lineHeight) + (2 * padY);
            if (isHeader)
            {
                page.Ops.Add(new FillOp(Margin, y, ContentWidth, height, Shade));
            }

            for (var c = 0; c < cells.Count; c++)
            {
                for (var l = firstLine; l < Math.Min(cells[c].Count, firstLine + lineCount); l++)
                {
                    var baseline = y + padY + ((l - firstLine) * lineHeight) + BaselineOffset(TableSize);
                    Emit(new TextOp(cells[c][l], Margin + lefts[c] + padX, baseline, Ink), tags[c]);
                }
            }

            y += height;
            page.Ops.Add(new LineOp(Margin, y, Margin + ContentWidth, y, isHeader ? 0.9f : 0.5f, isHeader ? Accent : Rule));
        }

        void DrawHeader()
        {
            DrawRow(header, 0, header.Max(c => c.Count), isHeader: true, headerTagged ? new StructureElement?[header.Count] : headerCells);
            headerTagged = true;
        }

        var rows = table.Rows.Count == 0 && table.EmptyText is { } empty
            ? [WrapRow([empty], bold: false)]
            : table.Rows.Select(r => WrapRow(r, bold: false)).ToList();
        var firstHeight = rows.Count > 0 ? (rows[0].Max(c => c.Count) * lineHeight) + (2 * padY) : 0;
        EnsureSpace(headerHeight + firstHeight);
        DrawHeader();
        foreach (var row in rows)
        {
            var rowElement = new StructureElement("TR", tableElement);
            var cellTags = row.Select(_ => (StructureElement?)new StructureElement("TD", rowElement)).ToArray();
            var lines = Math.Max(1, row.Max(c => c.Count));
            var height = (lines * lineHeight) + (2 * padY);
            if (height > Remaining)
            {
                NewPage();
                DrawHeader();
            }

            // A row taller than a whole page (very long text) is the one case that continues on the next page.
            var done = 0;
            while (lines - done > 0)
            {
                var fits = Math.Max(1, (int)((Remaining - (2 * padY)) / lineHeight));
                var take = Math.Min(lines - done, fits);
                DrawRow(row, done, take, isHeader: false, cellTags);
                done += take;
                if (done < lines)
                {
                    NewPage();
                    DrawHeader();
                }
            }
        }

        y += 10f;
    }

    private void PlaceSignatures(SignatureBlock block)
    {
        const float gap = 12f;
        const float pad = 8f;
        var boxWidth = (ContentWidth - gap) / 2;
        var inner = boxWidth - (2 * pad);
        for (var i = 0; i < block.Entries.Count; i += 2)
        {
            var row = block.Entries.Skip(i).Take(2).Select(e => (
                Role: shaper.Wrap([TextRun.Plain(e.Role)], SmallSize, inner),
                Name: shaper.Wrap([TextRun.Strong(e.Name)], 11f, inner),
                Status: shaper.Wrap([e.SignedAt is { } signed ? TextRun.Plain(signed) : TextRun.Emphasis("Not signed yet")], 9.5f, inner),
                Signed: e.SignedAt is not null)).ToList();
            var height = row.Max(b => (b.Role.Count * LineHeight(SmallSize)) + (b.Name.Count * LineHeight(11f)) + (b.Status.Count * LineHeight(9.5f))) + (2 * pad);
            EnsureSpace(height);
            for (var b = 0; b < row.Count; b++)
            {
                var signature = Element("Div");
                var left = Margin + (b * (boxWidth + gap));
                page.Ops.Add(new StrokeOp(left, y, boxWidth, height, 0.7f, Rule));
                var top = y + pad;
                foreach (var (lines, size, colour) in new[] { (row[b].Role, SmallSize, Muted), (row[b].Name, 11f, Ink), (row[b].Status, 9.5f, row[b].Signed ? Ink : Muted) })
                {
                    var part = new StructureElement("P", signature);
                    foreach (var line in lines)
                    {
                        Emit(new TextOp(line, left + pad, top + BaselineOffset(size), colour), part);
                        top += LineHeight(size);
                    }
                }
            }

            y += height + gap;
        }
    }

    private void PlaceQr(QrCodeBlock qr)
    {
        const float gap = 14f;
        var modules = measuring ? null : QrModules.Create(qr.Payload);
        var captionLeft = Margin + qr.Size + gap;
        var captionWidth = ContentWidth - qr.Size - gap;
        var captionHeight = Measure(qr.Caption, captionWidth);
        var height = Math.Max(qr.Size, captionHeight);
        EnsureSpace(height);
        var top = y;
        var group = Element("Div");
        Within(group, () =>
        {
            var figure = Element("Figure", alt: qr.Alt ?? $"QR code linking to {qr.Payload}");
            if (modules is not null)
            {
                Emit(new QrOp(Margin, top, qr.Size, modules), figure);
            }

            foreach (var paragraph in qr.Caption)
            {
                PlaceParagraph(paragraph, captionLeft, captionWidth);
            }
        });

        y = top + height + 8f;
    }

    private float Measure(IEnumerable<ParagraphBlock> paragraphs, float width)
    {
        var engine = new PdfLayoutEngine(shaper, measureOnly: true, wrapped);
        foreach (var paragraph in paragraphs)
        {
            engine.PlaceParagraph(paragraph, 0, width);
        }

        return engine.y - BodyTop;
    }

    private void PlaceTogether(KeepTogetherBlock group)
    {
        var engine = new PdfLayoutEngine(shaper, measureOnly: true, wrapped);
        foreach (var block in group.Blocks)
        {
            engine.Place(block);
        }

        var height = engine.y - BodyTop;
        if (height > Remaining && height <= BodyBottom - BodyTop)
        {
            NewPage();
        }

        foreach (var block in group.Blocks)
        {
            Place(block);
        }
    }

    private void AddHeadersAndFooters(DocumentMetadata metadata)
    {
        const float headerBaseline = 42f;
        const float footerBaseline = PageHeight - 34f;
        var organisation = shaper.Line(metadata.Organisation, 9f, bold: true);
        var reference = metadata.Reference is { } r ? shaper.Line(r, 9f) : null;
        var title = shaper.Line(metadata.Title, 8.5f);
        for (var i = 0; i < pages.Count; i++)
        {
            var ops = pages[i].Ops;
            ops.Add(new TextOp(organisation, Margin, headerBaseline, Accent));
            if (reference is not null)
            {
                ops.Add(new TextOp(reference, PageWidth - Margin - reference.Width, headerBaseline, Muted));
            }

            ops.Add(new LineOp(Margin, headerBaseline + 8f, PageWidth - Margin, headerBaseline + 8f, 0.6f, Rule));
            ops.Add(new LineOp(Margin, footerBaseline - 14f, PageWidth - Margin, footerBaseline - 14f, 0.6f, Rule));
            ops.Add(new TextOp(title, Margin, footerBaseline, Muted));
            var number = shaper.Line(string.Format(CultureInfo.InvariantCulture, metadata.PageNumbers, i + 1, pages.Count), 8.5f);
            ops.Add(new TextOp(number, PageWidth - Margin - number.Width, footerBaseline, Muted));
        }
    }
}
