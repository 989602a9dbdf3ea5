using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using static ParentPortal.Platform.Pdf.Writer.PdfObjects;

namespace ParentPortal.Platform.Pdf.Writer;

/// <summary>
/// Writes a laid-out document as a tagged PDF meant to conform to PDF/UA-1 (ISO 14289-1): every piece of text and the
/// QR code is marked content belonging to a structure element (or an artifact: rules, shading, running headers and
/// footers), fonts are embedded as Type0/CIDFontType2 subsets holding only the glyphs used, addressed by glyph id
/// (Identity-H) exactly as HarfBuzz shaped them, with a ToUnicode map so text extracts as typed, and ActualText where
/// glyphs alone cannot say it (right-to-left runs, Indic clusters, ligatures). Same input, same bytes.
/// </summary>
internal static class TaggedPdfWriter
{
    private const float PageWidth = PdfLayoutEngine.PageWidth;
    private const float PageHeight = PdfLayoutEngine.PageHeight;

    public static void Write(LaidOutDocument document, Stream output)
    {
        var fonts = CollectFonts(document);
        var byFace = fonts.ToDictionary(f => f.Face);
        var pdf = new PdfObjects(output);
        pdf.Header();

        var catalog = pdf.Reserve();
        var info = pdf.Reserve();
        var pagesNode = pdf.Reserve();
        var structRoot = pdf.Reserve();
        var parentTree = pdf.Reserve();
        var metadata = pdf.Reserve();
        foreach (var font in fonts)
        {
            font.Object = pdf.Reserve();
        }

        var elementObjects = new Dictionary<StructureElement, int>();
        var root = document.Structure;
        foreach (var element in root.DescendantsAndSelf())
        {
            elementObjects[element] = pdf.Reserve();
        }

        // Where each element's marked content is: (page object, MCID), in drawing order.
        var contentOf = new Dictionary<StructureElement, List<(int Page, int Mcid)>>();
        var parentTreeEntries = new List<List<StructureElement>>();
        var pageObjects = new List<int>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var p = 0; p < document.Pages.Count; p++)
        {
            var pageObject = pdf.Reserve();
            var contentObject = pdf.Reserve();
            pageObjects.Add(pageObject);
            var mcids = new List<StructureElement>();
            parentTreeEntries.Add(mcids);
            var content = PageContent(document.Pages[p], byFace, mcids);
            for (var m = 0; m < mcids.Count; m++)
            {
                if (!contentOf.TryGetValue(mcids[m], out var list))
                {
                    contentOf[mcids[m]] = list = [];
                }

                list.Add((pageObject, m));
            }

            var compressedContent = Compress(content);
            hash.AppendData(compressedContent);
            pdf.CompressedStream(contentObject, string.Empty, compressedContent);
            var fontResources = string.Concat(fonts.Where(f => f.UsedOnPages.Contains(p)).Select(f => $"/F{f.Index} {f.Object} 0 R"));
            pdf.Object(pageObject, string.Create(CultureInfo.InvariantCulture,
                $"<</Type /Page /Parent {pagesNode} 0 R /MediaBox [0 0 {Number(PageWidth)} {Number(PageHeight)}] /Resources <</Font <<{fontResources}>>>> /Contents {contentObject} 0 R /StructParents {p} /Tabs /S>>"));
        }

        pdf.Object(pagesNode, string.Create(CultureInfo.InvariantCulture,
            $"<</Type /Pages /Kids [{string.Join(' ', pageObjects.Select(o => $"{o} 0 R"))}] /Count {pageObjects.Count}>>"));

        foreach (var font in fonts)
        {
            WriteFont(pdf, font);
        }

        foreach (var (element, number) in elementObjects)
        {
            pdf.Object(number, StructElement(element, element.Parent is { } parent ? elementObjects[parent] : structRoot, elementObjects, contentOf));
        }

        var nums = new StringBuilder();
        for (var p = 0; p < parentTreeEntries.Count; p++)
        {
            nums.Append(CultureInfo.InvariantCulture, $"{p} [{string.Join(' ', parentTreeEntries[p].Select(e => $"{elementObjects[e]} 0 R"))}] ");
        }

        pdf.Object(parentTree, $"<</Nums [{nums.ToString().TrimEnd()}]>>");
        pdf.Object(structRoot, string.Create(CultureInfo.InvariantCulture,
            $"<</Type /StructTreeRoot /K [{elementObjects[root]} 0 R] /ParentTree {parentTree} 0 R /ParentTreeNextKey {document.Pages.Count}>>"));

        var meta = document.Metadata;
        pdf.Stream(metadata, " /Type /Metadata /Subtype /XML", Encoding.UTF8.GetBytes(Xmp(meta)), compress: false);
        pdf.Object(info, $"<</Title {Text(meta.Title)} /Author {Text(meta.Organisation)}{(meta.Subject is { Length: > 0 } s ? $" /Subject {Text(s)}" : string.Empty)} /Creator (ParentPortal) /Producer (ParentPortal tagged PDF writer) /CreationDate {Date(meta.CreatedAt)} /ModDate {Date(meta.CreatedAt)}>>");
        pdf.Object(catalog, string.Create(CultureInfo.InvariantCulture,
            $"<</Type /Catalog /Pages {pagesNode} 0 R /StructTreeRoot {structRoot} 0 R /MarkInfo <</Marked true>> /Lang {Text(meta.Language)} /Metadata {metadata} 0 R /ViewerPreferences <</DisplayDocTitle true>>>>"));

        hash.AppendData(Encoding.UTF8.GetBytes(meta.Title + "\n" + meta.CreatedAt.ToString("O", CultureInfo.InvariantCulture)));
        pdf.Trailer(catalog, info, hash.GetHashAndReset()[..16]);
    }

    private static string StructElement(StructureElement element, int parent, Dictionary<StructureElement, int> objects, Dictionary<StructureElement, List<(int Page, int Mcid)>> contentOf)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<</Type /StructElem /S /{element.Role} /P {parent} 0 R");
        var kids = new List<string>();
        int? page = null;
        if (contentOf.TryGetValue(element, out var content))
        {
            page = content[0].Page;
            text.Append(CultureInfo.InvariantCulture, $" /Pg {page} 0 R");
            kids.AddRange(content.Select(c => c.Page == page
                ? c.Mcid.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"<</Type /MCR /Pg {c.Page} 0 R /MCID {c.Mcid}>>")));
        }

        kids.AddRange(element.Children.Select(c => $"{objects[c]} 0 R"));
        text.Append(" /K [").Append(string.Join(' ', kids)).Append(']');
        if (element.Alt is { } alt)
        {
            text.Append(" /Alt ").Append(Text(alt));
        }

        if (element.Language is { } language)
        {
            text.Append(" /Lang ").Append(Text(language));
        }

        if (element.Scope is { } scope)
        {
            text.Append(" /A <</O /Table /Scope /").Append(scope).Append(">>");
        }
        else if (element.ListNumbering is { } numbering)
        {
            text.Append(" /A <</O /List /ListNumbering /").Append(numbering).Append(">>");
        }
        else if (element.BoundingBox is { } box)
        {
            text.Append(" /A <</O /Layout /BBox [").Append(string.Join(' ', box.Select(Number))).Append("]>>");
        }

        text.Append(">>");
        return text.ToString();
    }

    // ---- fonts ----

    private sealed class FontUse(PdfFontFace face, int index)
    {
        public PdfFontFace Face { get; } = face;

        public int Index { get; } = index;

        public int Object { get; set; }

        public HashSet<ushort> Glyphs { get; } = [];

        /// <summary>What each glyph stands for: the characters of the cluster it was first seen drawing.</summary>
        public Dictionary<ushort, string> Unicode { get; } = [];

        public HashSet<int> UsedOnPages { get; } = [];

        /// <summary>Original glyph id to the id in the subset (the CID written in the content).</summary>
        public Dictionary<ushort, ushort> NewIds { get; } = [];

        public List<ushort> Subset { get; set; } = [];
    }

    private static List<FontUse> CollectFonts(LaidOutDocument document)
    {
        var byFace = new Dictionary<PdfFontFace, FontUse>();
        var list = new List<FontUse>();
        for (var p = 0; p < document.Pages.Count; p++)
        {
            foreach (var op in document.Pages[p].Ops)
            {
                if (op is not TextOp text)
                {
                    continue;
                }

                foreach (var placed in text.Line.Pieces)
                {
                    var piece = placed.Piece;
                    if (piece.Glyphs.Length == 0)
                    {
                        continue;
                    }

                    if (!byFace.TryGetValue(piece.Face, out var use))
                    {
                        use = new FontUse(piece.Face, list.Count + 1);
                        byFace.Add(piece.Face, use);
                        list.Add(use);
                    }

                    use.UsedOnPages.Add(p);
                    var texts = piece.ClusterTexts ??= ClusterTexts(piece);
                    for (var i = 0; i < piece.Glyphs.Length; i++)
                    {
                        use.Glyphs.Add(piece.Glyphs[i]);
                        if (texts[i] is { Length: > 0 } t)
                        {
                            use.Unicode.TryAdd(piece.Glyphs[i], t);
                        }
                    }
                }
            }
        }

        foreach (var use in list)
        {
            use.Subset = use.Face.Font.Closure(use.Glyphs);
            for (var i = 0; i < use.Subset.Count; i++)
            {
                use.NewIds[use.Subset[i]] = (ushort)i;
            }
        }

        return list;
    }

    /// <summary>
    /// For each glyph, the characters it draws: the first glyph (in reading order) of a cluster gets the cluster's
    /// text, the others none (they extract through ActualText).
    /// </summary>
    private static string?[] ClusterTexts(ShapedPiece piece)
    {
        var result = new string?[piece.Glyphs.Length];
        var seen = new HashSet<uint>();
        var order = Enumerable.Range(0, piece.Glyphs.Length);
        if (piece.Level == 1)
        {
            order = order.Reverse();
        }

        foreach (var i in order)
        {
            var cluster = piece.Clusters[i];
            if (!seen.Add(cluster))
            {
                continue;
            }

            var end = (uint)piece.Utf8.Length;
            foreach (var other in piece.Clusters)
            {
                if (other > cluster && other < end)
                {
                    end = other;
                }
            }

            var text = Encoding.UTF8.GetString(piece.Utf8, (int)cluster, (int)(end - cluster));
            // Right-to-left glyphs are drawn in visual order, and readers (poppler, Acrobat, PdfPig) turn a visual
            // run back into reading order by reversing it: a ligature's letters (lam-alef) are given reversed too.
            result[i] = piece.Level == 1 ? Reversed(text) : text;
        }

        return result;
    }

    private static string Reversed(string text)
    {
        if (text.Length < 2)
        {
            return text;
        }

        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        elements.Reverse();
        return string.Concat(elements);
    }

    private static void WriteFont(PdfObjects pdf, FontUse use)
    {
        var font = use.Face.Font;
        var scale = 1000f / font.UnitsPerEm;
        var baseName = Name(SubsetTag(use) + "+" + Path.GetFileNameWithoutExtension(use.Face.Name).Replace("-latin", string.Empty, StringComparison.Ordinal).Replace("-ext", "Ext", StringComparison.Ordinal));
        var descendant = pdf.Reserve();
        var descriptor = pdf.Reserve();
        var file = pdf.Reserve();
        var toUnicode = pdf.Reserve();

        pdf.Object(use.Object, $"<</Type /Font /Subtype /Type0 /BaseFont {baseName} /Encoding /Identity-H /DescendantFonts [{descendant} 0 R] /ToUnicode {toUnicode} 0 R>>");
        var widths = string.Join(' ', use.Subset.Select(g => Number(MathF.Round(font.Advance(g) * scale))));
        pdf.Object(descendant, $"<</Type /Font /Subtype /CIDFontType2 /BaseFont {baseName} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [0 [{widths}]]>>");
        var italic = use.Face.Name.Contains("Italic", StringComparison.Ordinal);
        pdf.Object(descriptor, string.Create(CultureInfo.InvariantCulture,
            $"<</Type /FontDescriptor /FontName {baseName} /Flags {(italic ? 4 + 64 : 4)} /FontBBox [{Number(font.XMin * scale)} {Number(font.YMin * scale)} {Number(font.XMax * scale)} {Number(font.YMax * scale)}] /ItalicAngle {(italic ? -12 : 0)} /Ascent {Number(font.Ascender * scale)} /Descent {Number(font.Descender * scale)} /CapHeight {Number(font.CapHeight * scale)} /StemV 80 /FontFile2 {file} 0 R>>"));
        var (program, length) = font.CompressedSubset(use.Subset);
        pdf.CompressedStream(file, string.Create(CultureInfo.InvariantCulture, $" /Length1 {length}"), program);
        pdf.CompressedStream(toUnicode, string.Empty, CompressedToUnicode(ToUnicodeMap(use)));
    }

    private static string SubsetTag(FontUse use)
    {
        // Six capital letters from the glyphs used: the same subset always gets the same tag (ISO 32000-1 9.6.4).
        var bytes = new byte[use.Subset.Count * 2];
        for (var i = 0; i < use.Subset.Count; i++)
        {
            bytes[2 * i] = (byte)(use.Subset[i] >> 8);
            bytes[(2 * i) + 1] = (byte)use.Subset[i];
        }

        var digest = SHA256.HashData([.. Encoding.ASCII.GetBytes(use.Face.Name), .. bytes]);
        return string.Concat(digest.Take(6).Select(b => (char)('A' + (b % 26))));
    }

    // The compressed maps made recently: like the font programs, the same from one certificate to the next.
    private static readonly BoundedCache<string, byte[]> CompressedMaps = new(256, StringComparer.Ordinal);

    private static byte[] CompressedToUnicode(string map) =>
        CompressedMaps.GetOrAdd(map, 0, static (text, _) => PdfObjects.Deflate(Encoding.ASCII.GetBytes(text), once: true));

    private static string ToUnicodeMap(FontUse use)
    {
        var entries = new List<string>();
        foreach (var original in use.Subset)
        {
            // Every glyph maps to something (PDF/UA asks it): a glyph drawn only as part of a longer cluster maps to a
            // zero-width joiner, which a reader skips; ActualText gives such text back whole.
            var text = use.Unicode.TryGetValue(original, out var t) ? t : original == 0 ? "\uFFFD" : "\u200D";
            entries.Add(string.Create(CultureInfo.InvariantCulture, $"<{use.NewIds[original]:X4}> <{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text))}>"));
        }

        var map = new StringBuilder();
        map.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        for (var i = 0; i < entries.Count; i += 100)
        {
            var chunk = entries.Skip(i).Take(100).ToList();
            map.Append(CultureInfo.InvariantCulture, $"{chunk.Count} beginbfchar\n");
            foreach (var entry in chunk)
            {
                map.Append(entry).Append('\n');
            }

            map.Append("endbfchar\n");
        }

        map.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return map.ToString();
    }

    // ---- page content ----

    [ThreadStatic]
    private static StringBuilder? pageText;

    /// <summary>The page's content (ASCII by construction) compressed straight from the builder, with no copy as a string.</summary>
    private static byte[] Compress(StringBuilder content)
    {
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(content.Length);
        try
        {
            var position = 0;
            foreach (var chunk in content.GetChunks())
            {
                position += Encoding.ASCII.GetBytes(chunk.Span, bytes.AsSpan(position));
            }

            return PdfObjects.Deflate(bytes.AsSpan(0, position));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static StringBuilder PageContent(LaidOutPage page, Dictionary<PdfFontFace, FontUse> byFace, List<StructureElement> mcids)
    {
        // One builder per thread, reused page after page: a page's content is tens of thousands of characters.
        var content = pageText ??= new StringBuilder(64 * 1024);
        content.Clear();
        StructureElement? open = null;
        var artifactOpen = false;
        uint? fillColour = null;

        void Close()
        {
            if (open is not null || artifactOpen)
            {
                content.Append("EMC\n");
            }

            open = null;
            artifactOpen = false;
        }

        foreach (var op in page.Ops)
        {
            var node = op.Node;
            if (node is not null)
            {
                if (node != open)
                {
                    Close();
                    content.Append(CultureInfo.InvariantCulture, $"/{node.Role} <</MCID {mcids.Count}>> BDC\n");
                    mcids.Add(node);
                    open = node;
                }
            }
            else if (!artifactOpen)
            {
                Close();
                content.Append(op is TextOp ? "/Artifact <</Type /Pagination>> BDC\n" : "/Artifact BMC\n");
                artifactOpen = true;
            }

            switch (op)
            {
                case TextOp text:
                    WriteText(content, text, byFace, ref fillColour);
                    break;
                case FillOp box:
                    SetFill(content, box.Colour, ref fillColour);
                    content.Append(CultureInfo.InvariantCulture, $"{N(box.X)} {N(PageHeight - box.Y - box.Height)} {N(box.Width)} {N(box.Height)} re f\n");
                    break;
                case StrokeOp box:
                    content.Append(CultureInfo.InvariantCulture, $"{Colour(box.Colour)} RG {N(box.Thickness)} w {N(box.X)} {N(PageHeight - box.Y - box.Height)} {N(box.Width)} {N(box.Height)} re S\n");
                    break;
                case LineOp line:
                    content.Append(CultureInfo.InvariantCulture, $"{Colour(line.Colour)} RG {N(line.Thickness)} w {N(line.X1)} {N(PageHeight - line.Y1)} m {N(line.X2)} {N(PageHeight - line.Y2)} l S\n");
                    break;
                case QrOp qr:
                    WriteQr(content, qr, ref fillColour);
                    if (node is not null)
                    {
                        node.BoundingBox = [qr.X, PageHeight - qr.Y - qr.Size, qr.X + qr.Size, PageHeight - qr.Y];
                    }

                    break;
                default:
                    throw new ArgumentException($"The PDF writer does not know {op.GetType().Name}.", nameof(page));
            }

            // An artifact's graphics and a text artifact are marked separately (Pagination or not).
            if (artifactOpen && op is TextOp)
            {
                Close();
            }
        }

        Close();
        return content;
    }

    private static string Colour(uint argb) =>
        $"{N(((argb >> 16) & 0xFF) / 255f)} {N(((argb >> 8) & 0xFF) / 255f)} {N((argb & 0xFF) / 255f)}";

    private static void SetFill(StringBuilder content, uint colour, ref uint? current)
    {
        if (current != colour)
        {
            content.Append(Colour(colour)).Append(" rg\n");
            current = colour;
        }
    }

    private static void WriteQr(StringBuilder content, QrOp qr, ref uint? fill)
    {
        SetFill(content, 0xFF000000, ref fill);
        var module = qr.Size / qr.Modules.Size;
        // In module units from the code's top left corner (y down): every rectangle is whole numbers, short to write.
        content.Append(CultureInfo.InvariantCulture, $"q {N(module)} 0 0 {N(-module)} {N(qr.X)} {N(PageHeight - qr.Y)} cm\n");
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

                content.Append(start).Append(' ').Append(row).Append(' ').Append(column - start).Append(" 1 re\n");
            }
        }

        content.Append("f Q\n");
    }

    private static void WriteText(StringBuilder content, TextOp op, Dictionary<PdfFontFace, FontUse> fonts, ref uint? fill)
    {
        var pieces = op.Line.Pieces;
        if (pieces.All(p => p.Piece.Glyphs.Length == 0))
        {
            return;
        }

        SetFill(content, op.Colour, ref fill);
        content.Append("BT\n");
        var pen = new Pen(content);
        var i = 0;
        while (i < pieces.Count)
        {
            // A right-to-left stretch is drawn in visual order, which readers reverse into reading order. Only when a
            // glyph's Unicode mapping cannot say it (a glyph shared by two letters) does ActualText give the logical text.
            if (pieces[i].Piece.Level == 1)
            {
                var j = i;
                while (j < pieces.Count && pieces[j].Piece.Level == 1)
                {
                    j++;
                }

                var needsActualText = Enumerable.Range(i, j - i).Any(k => pieces[k].Piece.Glyphs.Length > 0 && !ExtractsAsTyped(pieces[k].Piece, fonts[pieces[k].Piece.Face]));
                if (needsActualText)
                {
                    pen.BeginActualText(string.Concat(Enumerable.Range(i, j - i).Reverse().Select(k => pieces[k].Piece.Text)));
                }

                for (var k = i; k < j; k++)
                {
                    pen.Draw(op, pieces[k], fonts);
                }

                if (needsActualText)
                {
                    pen.EndMarkedContent();
                }

                i = j;
                continue;
            }

            var piece = pieces[i].Piece;
            var actual = piece.Glyphs.Length > 0 && !ExtractsAsTyped(piece, fonts[piece.Face]) ? piece.Text : null;
            if (actual is not null)
            {
                pen.BeginActualText(actual);
            }

            pen.Draw(op, pieces[i], fonts);
            if (actual is not null)
            {
                pen.EndMarkedContent();
            }

            i++;
        }

        pen.CloseArray();
        content.Append("ET\n");
    }

    /// <summary>True when the glyphs, through the ToUnicode map, spell the piece's text in order: no ActualText needed.</summary>
    private static bool ExtractsAsTyped(ShapedPiece piece, FontUse use)
    {
        var text = piece.Level == 1 ? Reversed(piece.Text) : piece.Text;
        var position = 0;
        foreach (var glyph in piece.Glyphs)
        {
            if (!use.Unicode.TryGetValue(glyph, out var mapped) || string.CompareOrdinal(text, position, mapped, 0, mapped.Length) != 0)
            {
                return false;
            }

            position += mapped.Length;
        }

        return position == text.Length;
    }

    /// <summary>
    /// Glyphs written one TJ array after another along a line: a new text matrix only where the baseline moves (a
    /// mark above or below its letter), otherwise the gap to where HarfBuzz put the glyph as a TJ adjustment.
    /// </summary>
    private sealed class Pen(StringBuilder content)
    {
        private FontUse? font;
        private float size;
        private bool arrayOpen;
        private bool positioned;
        private float x;
        private float y;

        public void BeginActualText(string text)
        {
            CloseArray();
            content.Append("/Span <</ActualText ").Append(Text(text)).Append(">> BDC\n");
        }

        public void EndMarkedContent()
        {
            CloseArray();
            content.Append("EMC\n");
        }

        public void CloseArray()
        {
            if (arrayOpen)
            {
                content.Append("] TJ\n");
                arrayOpen = false;
            }
        }

        public void Draw(TextOp op, PlacedPiece placed, Dictionary<PdfFontFace, FontUse> fonts)
        {
            var piece = placed.Piece;
            if (piece.Glyphs.Length == 0)
            {
                return;
            }

            var use = fonts[piece.Face];
            if (use != font || piece.Size != size)
            {
                CloseArray();
                content.Append(CultureInfo.InvariantCulture, $"/F{use.Index} {N(piece.Size)} Tf\n");
                font = use;
                size = piece.Size;
            }

            var metrics = piece.Face.Font;
            for (var g = 0; g < piece.Glyphs.Length; g++)
            {
                var glyphX = op.X + placed.X + piece.X[g];
                var glyphY = PageHeight - (op.Baseline + piece.Y[g]);
                if (!positioned || glyphY != y)
                {
                    CloseArray();
                    content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {N(glyphX)} {N(glyphY)} Tm ");
                    positioned = true;
                    y = glyphY;
                    x = glyphX;
                }

                if (!arrayOpen)
                {
                    content.Append('[');
                    arrayOpen = true;
                }

                var adjust = MathF.Round(-(glyphX - x) * 1000f / size, 2);
                if (adjust != 0)
                {
                    content.Append(CultureInfo.InvariantCulture, $"{N(adjust)}");
                    x -= adjust * size / 1000f;
                }

                AppendGlyph(content, use.NewIds[piece.Glyphs[g]]);
                // Where the viewer's pen goes next: the glyph's width as the /W array gives it, at this size.
                x += MathF.Round(metrics.Advance(piece.Glyphs[g]) * 1000f / metrics.UnitsPerEm) * size / 1000f;
            }
        }
    }

    private static void AppendGlyph(StringBuilder content, ushort id)
    {
        const string hex = "0123456789ABCDEF";
        content.Append('<').Append(hex[id >> 12]).Append(hex[(id >> 8) & 0xF]).Append(hex[(id >> 4) & 0xF]).Append(hex[id & 0xF]).Append('>');
    }

    private static string Xmp(DocumentMetadata meta)
    {
        var created = meta.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var description = meta.Subject is { Length: > 0 } subject
            ? $"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{XmlText(subject)}</rdf:li></rdf:Alt></dc:description>"
            : string.Empty;
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
            + $"<dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{XmlText(meta.Title)}</rdf:li></rdf:Alt></dc:title>"
            + $"<dc:creator><rdf:Seq><rdf:li>{XmlText(meta.Organisation)}</rdf:li></rdf:Seq></dc:creator>{description}"
            + $"<dc:language><rdf:Bag><rdf:li>{XmlText(meta.Language)}</rdf:li></rdf:Bag></dc:language>\n"
            + $"<xmp:CreateDate>{created}</xmp:CreateDate><xmp:ModifyDate>{created}</xmp:ModifyDate><xmp:MetadataDate>{created}</xmp:MetadataDate><xmp:CreatorTool>ParentPortal</xmp:CreatorTool>"
            + "<pdf:Producer>ParentPortal tagged PDF writer</pdf:Producer><pdfuaid:part>1</pdfuaid:part>\n"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>";
    }

    private static string XmlText(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
