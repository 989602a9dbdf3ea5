using System.Buffers.Binary;

namespace ParentPortal.Platform.Pdf.Writer;

/// <summary>
/// The parts of a TrueType (glyf-outline) font file a PDF needs: its metrics, each glyph's outline and advance, and a
/// way to cut it down to the glyphs one document uses. Read once when the fonts load; immutable, so shared by threads.
/// CFF-outline (OpenType/PostScript) fonts are refused: every shipped font is TrueType.
/// </summary>
internal sealed class TrueTypeFont
{
    private readonly byte[] data;
    private readonly Dictionary<string, (int Offset, int Length)> tables;
    private readonly int[] glyphOffsets;
    private readonly ushort[] advances;

    public TrueTypeFont(string name, byte[] data)
    {
        this.data = data;
        tables = ReadTables(name, data);
        foreach (var required in new[] { "head", "hhea", "maxp", "hmtx", "loca", "glyf" })
        {
            if (!tables.ContainsKey(required))
            {
                throw new InvalidOperationException($"The PDF font {name} has no {required} table: only TrueType outlines can be embedded.");
            }
        }

        var head = Table("head");
        UnitsPerEm = BinaryPrimitives.ReadUInt16BigEndian(head[18..]);
        XMin = BinaryPrimitives.ReadInt16BigEndian(head[36..]);
        YMin = BinaryPrimitives.ReadInt16BigEndian(head[38..]);
        XMax = BinaryPrimitives.ReadInt16BigEndian(head[40..]);
        YMax = BinaryPrimitives.ReadInt16BigEndian(head[42..]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head[50..]) == 1;
        var hhea = Table("hhea");
        Ascender = BinaryPrimitives.ReadInt16BigEndian(hhea[4..]);
        Descender = BinaryPrimitives.ReadInt16BigEndian(hhea[6..]);
        var metricCount = BinaryPrimitives.ReadUInt16BigEndian(hhea[34..]);
        GlyphCount = BinaryPrimitives.ReadUInt16BigEndian(Table("maxp")[4..]);

        var loca = Table("loca");
        glyphOffsets = new int[GlyphCount + 1];
        for (var i = 0; i <= GlyphCount; i++)
        {
            glyphOffsets[i] = longLoca ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca[(i * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[(i * 2)..]) * 2;
        }

        var hmtx = Table("hmtx");
        advances = new ushort[GlyphCount];
        for (var i = 0; i < GlyphCount; i++)
        {
            advances[i] = BinaryPrimitives.ReadUInt16BigEndian(hmtx[(Math.Min(i, metricCount - 1) * 4)..]);
        }

        if (tables.TryGetValue("OS/2", out var os2) && os2.Length >= 90)
        {
            CapHeight = BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(os2.Offset + 88));
        }
        else
        {
            CapHeight = (short)(Ascender * 0.7);
        }
    }

    public int UnitsPerEm { get; }

    /// <summary>The whole file as shipped (the benchmarks draw it with Skia to compare with the previous writer).</summary>
    public ReadOnlyMemory<byte> Data => data;

    public int GlyphCount { get; }

    public short XMin { get; }

    public short YMin { get; }

    public short XMax { get; }

    public short YMax { get; }

    public short Ascender { get; }

    public short Descender { get; }

    public short CapHeight { get; }

    /// <summary>The glyph's advance in the font's units.</summary>
    public int Advance(int glyph) => advances[glyph];

    private ReadOnlySpan<byte> Table(string tag)
    {
        var (offset, length) = tables[tag];
        return data.AsSpan(offset, length);
    }

    private ReadOnlySpan<byte> Glyph(int glyph) => data.AsSpan(tables["glyf"].Offset + glyphOffsets[glyph], glyphOffsets[glyph + 1] - glyphOffsets[glyph]);

    private static Dictionary<string, (int, int)> ReadTables(string name, byte[] data)
    {
        try
        {
            var span = data.AsSpan();
            var version = BinaryPrimitives.ReadUInt32BigEndian(span);
            if (version is not (0x00010000 or 0x74727565))
            {
                throw new InvalidOperationException($"The PDF font {name} is not a TrueType font.");
            }

            var count = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
            var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var record = span.Slice(12 + (i * 16), 16);
                var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
                var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
                if (offset < 0 || length < 0 || offset + length > data.Length)
                {
                    throw new InvalidOperationException($"The PDF font {name} is damaged: its {tag} table lies outside the file.");
                }

                result[tag] = (offset, length);
            }

            return result;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidOperationException($"The PDF font {name} is damaged: its table directory cannot be read.");
        }
    }

    /// <summary>
    /// Glyph <paramref name="used"/> plus the glyphs they are built from (composite glyphs), with .notdef first, in
    /// the order of the original ids: index in the list is the glyph's id in the subset.
    /// </summary>
    public List<ushort> Closure(IEnumerable<ushort> used)
    {
        var all = new SortedSet<ushort> { 0 };
        var pending = new Stack<ushort>(used);
        while (pending.TryPop(out var glyph))
        {
            if (!all.Add(glyph))
            {
                continue;
            }

            foreach (var component in Components(Glyph(glyph)))
            {
                pending.Push(component);
            }
        }

        return [.. all];
    }

    private static List<ushort> Components(ReadOnlySpan<byte> glyph)
    {
        var result = new List<ushort>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0)
        {
            return result;
        }

        var position = 10;
        while (true)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[position..]);
            result.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph[(position + 2)..]));
            position += ComponentLength(flags);
            if ((flags & MoreComponents) == 0)
            {
                return result;
            }
        }
    }

    private const ushort ArgsAreWords = 0x0001;
    private const ushort HaveScale = 0x0008;
    private const ushort MoreComponents = 0x0020;
    private const ushort HaveXYScale = 0x0040;
    private const ushort HaveTwoByTwo = 0x0080;
    private const ushort HaveInstructions = 0x0100;

    private static int ComponentLength(ushort flags) =>
        4 + ((flags & ArgsAreWords) != 0 ? 4 : 2) + ((flags & HaveScale) != 0 ? 2 : (flags & HaveXYScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0);

    // The compressed subsets made recently, by glyph list: consecutive documents mostly use the same glyphs (their fixed
    // wording), so the font program is cut and compressed once, not for every certificate. Bounded.
    private readonly BoundedCache<string, (byte[] Compressed, int Length)> compressedSubsets = new(64, StringComparer.Ordinal);

    /// <summary>The Flate-compressed <see cref="Subset"/> and its uncompressed length, made once per glyph list.</summary>
    public (byte[] Compressed, int Length) CompressedSubset(IReadOnlyList<ushort> glyphs)
    {
        var key = string.Create(glyphs.Count, glyphs, static (chars, list) =>
        {
            for (var i = 0; i < list.Count; i++)
            {
                chars[i] = (char)list[i];
            }
        });
        return compressedSubsets.GetOrAdd(key, (Font: this, Glyphs: glyphs), static (_, state) =>
        {
            var program = state.Font.Subset(state.Glyphs);
            return (PdfObjects.Deflate(program, once: true), program.Length);
        });
    }

    /// <summary>
    /// A TrueType file with only the glyphs in <paramref name="glyphs"/> (from <see cref="Closure"/>), renumbered by
    /// their position in that list, without hinting (its instructions and programs): PDF viewers do not need them and
    /// they are much of a font's size.
    /// </summary>
    public byte[] Subset(IReadOnlyList<ushort> glyphs)
    {
        var newIds = new Dictionary<ushort, ushort>(glyphs.Count);
        for (var i = 0; i < glyphs.Count; i++)
        {
            newIds[glyphs[i]] = (ushort)i;
        }

        using var glyf = new MemoryStream();
        var loca = new byte[(glyphs.Count + 1) * 4];
        var hmtx = new byte[glyphs.Count * 4];
        for (var i = 0; i < glyphs.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(i * 4), (uint)glyf.Length);
            WriteGlyphWithoutHinting(Glyph(glyphs[i]), newIds, glyf);
            while (glyf.Length % 4 != 0)
            {
                glyf.WriteByte(0);
            }

            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(i * 4), advances[glyphs[i]]);
            BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan((i * 4) + 2), LeftSideBearing(glyphs[i]));
        }

        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(glyphs.Count * 4), (uint)glyf.Length);

        var head = Table("head").ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set below
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        var hhea = Table("hhea").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)glyphs.Count);
        var maxp = Table("maxp").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)glyphs.Count);
        if (maxp.Length >= 32)
        {
            // No hinting left: one zone, and no twilight points, storage, functions, instructions or stack to reserve.
            BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(14), 1);
            maxp.AsSpan(16, 12).Clear();
        }

        var post = new byte[32];
        if (tables.TryGetValue("post", out var original) && original.Length >= 32)
        {
            Table("post")[..32].CopyTo(post); // italic angle, underline, fixed pitch; format 3 has no glyph names
        }

        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var output = Assemble([("glyf", glyf.ToArray()), ("head", head), ("hhea", hhea), ("hmtx", hmtx), ("loca", loca), ("maxp", maxp), ("post", post)]);
        var sum = 0xB1B0AFBA - Checksum(output);
        var headOffset = FindTable(output, "head");
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(headOffset + 8), sum);
        return output;
    }

    private short LeftSideBearing(ushort glyph)
    {
        var outline = Glyph(glyph);
        return outline.Length >= 10 ? BinaryPrimitives.ReadInt16BigEndian(outline[2..]) : (short)0;
    }

    private static void WriteGlyphWithoutHinting(ReadOnlySpan<byte> glyph, Dictionary<ushort, ushort> newIds, Stream output)
    {
        if (glyph.Length == 0)
        {
            return;
        }

        var contours = BinaryPrimitives.ReadInt16BigEndian(glyph);
        if (contours >= 0)
        {
            var endPoints = 10 + (contours * 2);
            var instructionLength = BinaryPrimitives.ReadUInt16BigEndian(glyph[endPoints..]);
            output.Write(glyph[..endPoints]);
            output.Write([0, 0]);
            output.Write(glyph[(endPoints + 2 + instructionLength)..]);
            return;
        }

        var copy = glyph.ToArray();
        var position = 10;
        while (true)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(position));
            var component = BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(position + 2));
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(position), (ushort)(flags & ~HaveInstructions));
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(position + 2), newIds[component]);
            position += ComponentLength(flags);
            if ((flags & MoreComponents) == 0)
            {
                break;
            }
        }

        output.Write(copy, 0, position);
    }

    private static byte[] Assemble(IReadOnlyList<(string Tag, byte[] Data)> newTables)
    {
        var count = newTables.Count;
        var headerLength = 12 + (16 * count);
        var length = headerLength + newTables.Sum(t => (t.Data.Length + 3) & ~3);
        var output = new byte[length];
        var span = output.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)count);
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((count * 16) - (power * 16)));
        var offset = headerLength;
        for (var i = 0; i < count; i++)
        {
            var (tag, table) = newTables[i];
            var record = span.Slice(12 + (i * 16), 16);
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            table.CopyTo(span[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(span.Slice(offset, (table.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)table.Length);
            offset += (table.Length + 3) & ~3;
        }

        return output;
    }

    private static int FindTable(byte[] font, string tag)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            if (System.Text.Encoding.ASCII.GetString(font, 12 + (i * 16), 4) == tag)
            {
                return (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + (i * 16) + 8));
            }
        }

        throw new InvalidOperationException($"No {tag} table.");
    }

    private static uint Checksum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (var i = 0; i + 3 < bytes.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(bytes[i..]);
        }

        return sum;
    }
}
