using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace ParentPortal.Platform.Pdf;

/// <summary>Glyphs of one font, in visual order, shaped by HarfBuzz; positions are relative to the piece's origin.</summary>
internal sealed class ShapedPiece
{
    public required PdfFontFace Face { get; init; }

    public required float Size { get; init; }

    public required ushort[] Glyphs { get; init; }

    public required float[] X { get; init; }

    /// <summary>Downwards from the baseline (Skia's direction), for marks that sit above or below a letter.</summary>
    public required float[] Y { get; init; }

    /// <summary>For each glyph, the byte offset in <see cref="Utf8"/> of the characters it draws: the PDF maps glyphs back to text with it.</summary>
    public required uint[] Clusters { get; init; }

    public required byte[] Utf8 { get; init; }

    public required float Width { get; init; }

    public required int Level { get; init; }

    /// <summary>The characters shaped, as text.</summary>
    public string Text => text ??= Encoding.UTF8.GetString(Utf8);

    private string? text;

    /// <summary>What each glyph stands for, worked out once by the PDF writer (pieces are shared between documents).</summary>
    public string?[]? ClusterTexts { get; set; }
}

internal readonly record struct PlacedPiece(ShapedPiece Piece, float X);

/// <summary>A laid-out line: pieces in visual order from the line's left edge.</summary>
internal sealed record TextLine(IReadOnlyList<PlacedPiece> Pieces, float Width)
{
    public static readonly TextLine Empty = new([], 0);
}

/// <summary>
/// Turns runs of text into wrapped lines of shaped glyphs. For every character it picks the first font of the style's
/// chain that has it; a character none has is refused, never drawn as an empty box. Right-to-left (Arabic) text inside
/// the left-to-right documents follows a reduced form of the Unicode bidirectional algorithm: left-to-right paragraphs,
/// neutral characters between two right-to-left ones join them, and numbers after right-to-left text are refused
/// because this reduced form would place them wrongly.
/// </summary>
internal sealed class TextShaper(PdfFontSet fonts)
{
    // Ligatures off in left-to-right text: a PDF reader maps each glyph back to one character, so "fi" stays two letters
    // when copied or searched. Arabic keeps its required ligatures (lam-alef).
    private static readonly Feature[] LeftToRightFeatures = [new(Tag.Parse("liga"), 0), new(Tag.Parse("clig"), 0)];
    private static readonly Feature[] RightToLeftFeatures = [];

    private enum BidiClass
    {
        Left,
        Right,
        Number,
        Neutral,
        Mark,
    }

    private struct Cell
    {
        public string Text;
        public FaceStyle Style;
        public PdfFontFace? Face;
        public BidiClass Class;
        public int Level;
        public bool IsSpace;
        public bool IsBreak;
    }

    private abstract record Token;

    private sealed record WordToken(ArraySegment<Cell> Cells, List<ShapedPiece> Pieces, float Width) : Token;

    private sealed record SpaceToken(ShapedPiece Piece) : Token;

    private sealed record BreakToken : Token;

    public IReadOnlyList<TextLine> Wrap(IReadOnlyList<TextRun> runs, float size, float maxWidth, TextAlignment alignment = TextAlignment.Left)
    {
        var cells = Itemise(runs);
        ResolveLevels(cells, runs);
        var lines = BreakLines(Tokenise(cells, size), size, maxWidth);
        return alignment == TextAlignment.Left ? lines : [.. lines.Select(l => Align(l, maxWidth, alignment))];
    }

    /// <summary>One line, never wrapped (headers, footers, labels).</summary>
    public TextLine Line(string text, float size, bool bold = false) =>
        Wrap([new TextRun(text, bold)], size, float.PositiveInfinity) is [var line, ..] ? line : TextLine.Empty;

    /// <summary>Shapes <paramref name="text"/>, or returns the same words shaped before: most of a document's words are its fixed wording.</summary>
    public static ShapedPiece Shape(string text, PdfFontFace face, float size, int level) =>
        face.Shaped.GetOrAdd((text, size, level), face, static (key, face) => ShapeNow(key.Text, face, key.Size, key.Level));

    private static ShapedPiece ShapeNow(string text, PdfFontFace face, float size, int level)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        using var buffer = new Buffer();
        buffer.AddUtf8(utf8);
        buffer.Direction = level == 1 ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        // Each character keeps its own cluster unless glyphs really merge it (a ligature, an Indic conjunct): the PDF's
        // ToUnicode map then gives a combining mark back as itself rather than folded into its letter.
        buffer.ClusterLevel = ClusterLevel.MonotoneCharacters;
        face.Shaper.Shape(buffer, level == 1 ? RightToLeftFeatures : LeftToRightFeatures);

        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var scale = size / face.UnitsPerEm;
        var glyphs = new ushort[infos.Length];
        var xs = new float[infos.Length];
        var ys = new float[infos.Length];
        var clusters = new uint[infos.Length];
        var x = 0f;
        for (var i = 0; i < infos.Length; i++)
        {
            if (infos[i].Codepoint == 0)
            {
                // The font maps the character but shaping still produced no glyph: refuse, as for a missing character.
                var cluster = (int)infos[i].Cluster;
                var end = utf8.Length;
                for (var j = 0; j < infos.Length; j++)
                {
                    if (infos[j].Cluster > infos[i].Cluster && infos[j].Cluster < end)
                    {
                        end = (int)infos[j].Cluster;
                    }
                }

                throw new MissingGlyphsException(text, [Encoding.UTF8.GetString(utf8, cluster, end - cluster)]);
            }

            glyphs[i] = (ushort)infos[i].Codepoint;
            xs[i] = x + (positions[i].XOffset * scale);
            ys[i] = -positions[i].YOffset * scale;
            clusters[i] = infos[i].Cluster;
            x += positions[i].XAdvance * scale;
        }

        return new ShapedPiece { Face = face, Size = size, Glyphs = glyphs, X = xs, Y = ys, Clusters = clusters, Utf8 = utf8, Width = x, Level = level };
    }

    private List<Cell> Itemise(IReadOnlyList<TextRun> runs)
    {
        var length = 0;
        foreach (var run in runs)
        {
            length += run.Text.Length;
        }

        var cells = new List<Cell>(length);
        List<string>? missing = null;
        foreach (var run in runs)
        {
            var style = run.Bold ? FaceStyle.Bold : run.Italic ? FaceStyle.Italic : FaceStyle.Regular;
            var chain = fonts.Chain(style);
            PdfFontFace? previous = null;
            foreach (var rune in TextCleaner.Prepare(run.Text).EnumerateRunes())
            {
                if (rune.Value == '\n')
                {
                    cells.Add(new Cell { Text = "\n", IsBreak = true, Class = BidiClass.Neutral });
                    previous = null;
                    continue;
                }

                if (rune.Value == ' ')
                {
                    cells.Add(new Cell { Text = " ", Style = style, Face = chain[0], IsSpace = true, Class = BidiClass.Neutral });
                    previous = null;
                    continue;
                }

                var category = Rune.GetUnicodeCategory(rune);
                var isMark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark;
                // A mark (or a joiner, or a danda) stays in its letter's font when it can, so HarfBuzz shapes it with
                // that letter: a Bengali vowel sign or a zero-width joiner in another font would break the cluster.
                var staysWithLetter = isMark || category == UnicodeCategory.Format || rune.Value is 0x0964 or 0x0965;
                var face = staysWithLetter && previous is not null && previous.HasGlyph(rune.Value)
                    ? previous
                    : FirstWith(chain, rune.Value);
                if (face is null)
                {
                    missing ??= [];
                    var text = Text(rune);
                    if (!missing.Contains(text))
                    {
                        missing.Add(text);
                    }
                }

                cells.Add(new Cell { Text = Text(rune), Style = style, Face = face, Class = Classify(rune, category, isMark) });
                previous = face;
            }
        }

        if (missing is not null)
        {
            throw new MissingGlyphsException(string.Concat(runs.Select(r => TextCleaner.Prepare(r.Text))), missing);
        }

        return cells;
    }

    // One string per character of the Basic Multilingual Plane, made once: a document has thousands of characters.
    private static readonly string?[] CharacterStrings = new string?[0x10000];

    private static string Text(Rune rune) =>
        rune.Value < CharacterStrings.Length ? CharacterStrings[rune.Value] ??= rune.ToString() : rune.ToString();

    private static PdfFontFace? FirstWith(IReadOnlyList<PdfFontFace> chain, int codePoint)
    {
        foreach (var face in chain)
        {
            if (face.HasGlyph(codePoint))
            {
                return face;
            }
        }

        return null;
    }

    private static BidiClass Classify(Rune rune, UnicodeCategory category, bool isMark)
    {
        if (isMark)
        {
            return BidiClass.Mark;
        }

        if (category == UnicodeCategory.DecimalDigitNumber)
        {
            return BidiClass.Number;
        }

        var v = rune.Value;
        var rightToLeft = v is (>= 0x0590 and <= 0x05FF) or (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x08A0 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF);
        if (rightToLeft && category is UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter)
        {
            return BidiClass.Right;
        }

        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
            ? BidiClass.Left
            : BidiClass.Neutral;
    }

    // Levels 0 (left to right) and 1 (right to left) only, per line-break-separated paragraph.
    private static void ResolveLevels(List<Cell> cells, IReadOnlyList<TextRun> runs)
    {
        var start = 0;
        while (start < cells.Count)
        {
            var end = start;
            while (end < cells.Count && !cells[end].IsBreak)
            {
                end++;
            }

            ResolveParagraph(cells, start, end, runs);
            start = end + 1;
        }
    }

    private static void ResolveParagraph(List<Cell> cells, int start, int end, IReadOnlyList<TextRun> runs)
    {
        var hasRight = false;
        for (var i = start; i < end; i++)
        {
            var cell = cells[i];
            if (cell.Class == BidiClass.Mark)
            {
                cell.Class = i > start ? cells[i - 1].Class : BidiClass.Neutral;
                cells[i] = cell;
            }

            hasRight |= cells[i].Class == BidiClass.Right;
        }

        if (!hasRight)
        {
            return;
        }

        var i2 = start;
        var before = BidiClass.Left;
        while (i2 < end)
        {
            if (cells[i2].Class is BidiClass.Left or BidiClass.Right)
            {
                before = cells[i2].Class;
                SetLevel(cells, i2, before == BidiClass.Right ? 1 : 0);
                i2++;
                continue;
            }

            var runEnd = i2;
            var hasNumber = false;
            while (runEnd < end && cells[runEnd].Class is BidiClass.Neutral or BidiClass.Number)
            {
                hasNumber |= cells[runEnd].Class == BidiClass.Number;
                runEnd++;
            }

            if (hasNumber && before == BidiClass.Right)
            {
                var text = string.Concat(runs.Select(r => TextCleaner.Prepare(r.Text)));
                throw new UnsupportedTextException(
                    $"This text has numbers straight after Arabic-script words, which the PDF cannot yet place in the right order: \"{text}\". Put the number before the Arabic words or write it in words.")
                {
                    Text = text,
                };
            }

            var after = runEnd < end ? cells[runEnd].Class : BidiClass.Left;
            var level = before == BidiClass.Right && after == BidiClass.Right ? 1 : 0;
            for (var j = i2; j < runEnd; j++)
            {
                SetLevel(cells, j, level);
            }

            i2 = runEnd;
        }
    }

    private static void SetLevel(List<Cell> cells, int index, int level)
    {
        var cell = cells[index];
        cell.Level = level;
        cells[index] = cell;
    }

    private static List<Token> Tokenise(List<Cell> list, float size)
    {
        // Words are stretches of one array, not lists of their own: a document has thousands of them.
        var cells = list.ToArray();
        var tokens = new List<Token>();
        var start = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (cell.IsBreak || cell.IsSpace)
            {
                if (i > start)
                {
                    tokens.Add(MakeWord(new ArraySegment<Cell>(cells, start, i - start), size));
                }

                tokens.Add(cell.IsBreak ? new BreakToken() : new SpaceToken(Shape(" ", cell.Face!, size, cell.Level)));
                start = i + 1;
            }
        }

        if (cells.Length > start)
        {
            tokens.Add(MakeWord(new ArraySegment<Cell>(cells, start, cells.Length - start), size));
        }

        return tokens;
    }

    [ThreadStatic]
    private static StringBuilder? wordText;

    private static WordToken MakeWord(ArraySegment<Cell> cells, float size)
    {
        var pieces = new List<ShapedPiece>(1);
        var width = 0f;
        var text = wordText ??= new StringBuilder();
        text.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            text.Append(cells[i].Text);
            var last = i == cells.Count - 1 || cells[i + 1].Face != cells[i].Face || cells[i + 1].Level != cells[i].Level;
            if (last)
            {
                var piece = Shape(text.ToString(), cells[i].Face!, size, cells[i].Level);
                pieces.Add(piece);
                width += piece.Width;
                text.Clear();
            }
        }

        return new WordToken(cells, pieces, width);
    }

    private static List<TextLine> BreakLines(List<Token> tokens, float size, float maxWidth)
    {
        var lines = new List<TextLine>();
        var line = new List<ShapedPiece>();
        var pendingSpaces = new List<ShapedPiece>();
        var x = 0f;
        var queue = new Queue<Token>(tokens);
        while (queue.TryDequeue(out var token))
        {
            switch (token)
            {
                case BreakToken:
                    lines.Add(Finish(line));
                    line = [];
                    pendingSpaces.Clear();
                    x = 0;
                    break;
                case SpaceToken space:
                    if (line.Count > 0)
                    {
                        pendingSpaces.Add(space.Piece);
                    }

                    break;
                case WordToken word:
                    var spaces = pendingSpaces.Sum(s => s.Width);
                    if (line.Count > 0 && x + spaces + word.Width <= maxWidth)
                    {
                        line.AddRange(pendingSpaces);
                        line.AddRange(word.Pieces);
                        x += spaces + word.Width;
                        pendingSpaces.Clear();
                        break;
                    }

                    if (line.Count > 0)
                    {
                        lines.Add(Finish(line));
                        line = [];
                        pendingSpaces.Clear();
                        x = 0;
                    }

                    if (word.Width <= maxWidth)
                    {
                        line.AddRange(word.Pieces);
                        x = word.Width;
                    }
                    else
                    {
                        // Longer than a whole line (a web address, a hash): break it between characters.
                        var (head, tail) = Split(word, size, maxWidth);
                        line.AddRange(head.Pieces);
                        if (tail is null)
                        {
                            x = head.Width;
                            break;
                        }

                        lines.Add(Finish(line));
                        line = [];
                        x = 0;
                        var rest = new List<Token> { tail };
                        rest.AddRange(queue);
                        queue = new Queue<Token>(rest);
                    }

                    break;
            }
        }

        if (line.Count > 0)
        {
            lines.Add(Finish(line));
        }

        return lines;
    }

    private static (WordToken Head, WordToken? Tail) Split(WordToken word, float size, float maxWidth)
    {
        // Estimate from each character's own width, then shape the candidate and step back until it fits.
        var boundaries = new List<int>();
        for (var i = 1; i < word.Cells.Count; i++)
        {
            if (Rune.GetUnicodeCategory(Rune.GetRuneAt(word.Cells[i].Text, 0)) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark))
            {
                boundaries.Add(i);
            }
        }

        if (boundaries.Count == 0)
        {
            return (word, null);
        }

        var count = 0;
        var estimate = 0f;
        foreach (var boundary in boundaries)
        {
            var from = count == 0 ? 0 : boundaries[count - 1];
            for (var i = from; i < boundary; i++)
            {
                estimate += Shape(word.Cells[i].Text, word.Cells[i].Face!, size, word.Cells[i].Level).Width;
            }

            if (estimate > maxWidth)
            {
                break;
            }

            count++;
        }

        for (var k = Math.Max(count, 1); k >= 1; k--)
        {
            var head = MakeWord(word.Cells[..boundaries[k - 1]], size);
            if (head.Width <= maxWidth || k == 1)
            {
                return (head, MakeWord(word.Cells[boundaries[k - 1]..], size));
            }
        }

        throw new InvalidOperationException("Unreachable: a word of one character is always split off.");
    }

    private static TextLine Finish(List<ShapedPiece> pieces)
    {
        // Reverse each stretch of right-to-left pieces: HarfBuzz has already put the glyphs inside each piece in visual order.
        var ordered = new List<ShapedPiece>(pieces);
        var i = 0;
        while (i < ordered.Count)
        {
            if (ordered[i].Level != 1)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < ordered.Count && ordered[j].Level == 1)
            {
                j++;
            }

            ordered.Reverse(i, j - i);
            i = j;
        }

        var placed = new List<PlacedPiece>(ordered.Count);
        var x = 0f;
        foreach (var piece in ordered)
        {
            placed.Add(new PlacedPiece(piece, x));
            x += piece.Width;
        }

        return new TextLine(placed, x);
    }

    private static TextLine Align(TextLine line, float width, TextAlignment alignment)
    {
        var shift = alignment == TextAlignment.Centre ? (width - line.Width) / 2 : width - line.Width;
        return shift <= 0 ? line : new TextLine([.. line.Pieces.Select(p => p with { X = p.X + shift })], line.Width + shift);
    }
}

internal static class TextCleaner
{
    /// <summary>
    /// NFC, so a name typed as "a" + combining circumflex prints (and copies) as "â"; tabs become spaces; control
    /// characters, zero-width spaces and bidirectional controls (which this layout does not interpret) are dropped.
    /// </summary>
    public static string Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        if (!normalised.AsSpan().ContainsAnyExcept(Printable))
        {
            return normalised;
        }

        var builder = new StringBuilder(normalised.Length);
        for (var i = 0; i < normalised.Length; i++)
        {
            var c = normalised[i];
            if (c == '\r')
            {
                if (i + 1 < normalised.Length && normalised[i + 1] == '\n')
                {
                    continue;
                }

                builder.Append('\n');
            }
            else if (c is '\n')
            {
                builder.Append(c);
            }
            else if (c is '\t')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && !IsInvisibleFormat(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Printable = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x7F - 0x20).Select(i => (char)i)));

    private static bool IsInvisibleFormat(char c) =>
        c is '\u200B' or '\uFEFF' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
