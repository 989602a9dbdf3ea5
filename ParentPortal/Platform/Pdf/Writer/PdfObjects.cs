using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ParentPortal.Platform.Pdf.Writer;

/// <summary>
/// Writes a PDF file's objects and its cross-reference stream (ISO 32000-1 section 7, PDF 1.5 object and
/// cross-reference streams). Objects are numbered when reserved and written in any order. Streams go straight to the
/// output; the other objects (dictionaries: hundreds of structure elements in a long agreement) are gathered and
/// written compressed together in object streams at the end, which keeps a tagged file small.
/// </summary>
internal sealed class PdfObjects(Stream output)
{
    private const int ObjectsPerStream = 200;

    // For each object: its byte offset (a stream written directly), or -2 when it waits in an object stream.
    private readonly List<long> offsets = [0];
    private readonly List<(int Number, string Body)> pending = [];
    private readonly Dictionary<int, (int Stream, int Index)> compressed = [];
    private readonly Stream output = output;
    private long written;

    public int Reserve()
    {
        offsets.Add(-1);
        return offsets.Count - 1;
    }

    /// <summary>The version line, and a comment of bytes above 127 that marks the file as binary for transfer tools.</summary>
    public void Header() => Raw([.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);

    public void Object(int number, string dictionary)
    {
        offsets[number] = -2;
        pending.Add((number, dictionary));
    }

    /// <summary>A stream object, compressed with Flate unless <paramref name="compress"/> is false (XMP metadata stays readable).</summary>
    public void Stream(int number, string dictionary, ReadOnlySpan<byte> data, bool compress = true)
    {
        if (compress)
        {
            CompressedStream(number, dictionary, Deflate(data));
        }
        else
        {
            WriteStream(number, dictionary, data);
        }
    }

    /// <summary>A stream whose data is already Flate-compressed (a font program made once and reused).</summary>
    public void CompressedStream(int number, string dictionary, byte[] body) => WriteStream(number, dictionary + " /Filter /FlateDecode", body);

    private void WriteStream(int number, string dictionary, ReadOnlySpan<byte> body)
    {
        Begin(number);
        Ascii(string.Create(CultureInfo.InvariantCulture, $"<<{dictionary} /Length {body.Length}>>\nstream\n"));
        Raw(body);
        Ascii("\nendstream\nendobj\n");
    }

    // Page content and structure compress well even at zlib level 2, made for every document; a font program is
    // compressed once for many documents (TrueTypeFont.CompressedSubset), so at the slower, smaller level 9.
    private static readonly ZLibCompressionOptions Fast = new() { CompressionLevel = 2 };
    private static readonly ZLibCompressionOptions Small = new() { CompressionLevel = 9 };

    public static byte[] Deflate(ReadOnlySpan<byte> data, bool once = false)
    {
        using var buffer = new MemoryStream((data.Length / 2) + 64);
        using (var zlib = new ZLibStream(buffer, once ? Small : Fast, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the gathered objects in object streams, then the cross-reference stream that ends the file.</summary>
    public void Trailer(int catalog, int info, byte[] id)
    {
        pending.Sort((a, b) => a.Number.CompareTo(b.Number));
        for (var start = 0; start < pending.Count; start += ObjectsPerStream)
        {
            var chunk = pending.GetRange(start, Math.Min(ObjectsPerStream, pending.Count - start));
            var streamNumber = Reserve();
            var header = new StringBuilder();
            var bodies = new StringBuilder();
            for (var i = 0; i < chunk.Count; i++)
            {
                header.Append(CultureInfo.InvariantCulture, $"{chunk[i].Number} {bodies.Length} ");
                bodies.Append(chunk[i].Body).Append('\n');
                compressed[chunk[i].Number] = (streamNumber, i);
            }

            var first = header.Length;
            Stream(streamNumber, string.Create(CultureInfo.InvariantCulture, $" /Type /ObjStm /N {chunk.Count} /First {first}"), Encoding.Latin1.GetBytes(header.ToString() + bodies));
        }

        var xref = Reserve();
        offsets[xref] = written;
        var rows = new byte[offsets.Count * 7];
        rows[5] = 0xFF; // object 0: free, generation 65535
        rows[6] = 0xFF;
        for (var i = 1; i < offsets.Count; i++)
        {
            var row = rows.AsSpan(i * 7, 7);
            if (compressed.TryGetValue(i, out var place))
            {
                row[0] = 2;
                BinaryPrimitives.WriteUInt32BigEndian(row[1..], (uint)place.Stream);
                BinaryPrimitives.WriteUInt16BigEndian(row[5..], (ushort)place.Index);
            }
            else if (i == xref || offsets[i] >= 0)
            {
                row[0] = 1;
                BinaryPrimitives.WriteUInt32BigEndian(row[1..], (uint)offsets[i]);
            }
            else
            {
                throw new InvalidOperationException($"PDF object {i} was reserved but never written.");
            }
        }

        var hex = Convert.ToHexString(id);
        Stream(xref, string.Create(CultureInfo.InvariantCulture, $" /Type /XRef /Size {offsets.Count} /W [1 4 2] /Root {catalog} 0 R /Info {info} 0 R /ID [<{hex}> <{hex}>]"), rows);
        Ascii(string.Create(CultureInfo.InvariantCulture, $"startxref\n{offsets[xref]}\n%%EOF\n"));
    }

    private void Begin(int number)
    {
        offsets[number] = written;
        Ascii(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n"));
    }

    private void Ascii(string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        Raw(bytes);
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        written += bytes.Length;
    }

    /// <summary>A text string (ISO 32000-1 7.9.2): literal when plain ASCII, else UTF-16BE with a byte order mark, in hex.</summary>
    public static string Text(string value)
    {
        var plain = true;
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return "(" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal) + ")";
        }

        return "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";
    }

    /// <summary>A name (ISO 32000-1 7.3.5): characters outside the regular printable set written as #xx.</summary>
    public static string Name(string value)
    {
        var builder = new StringBuilder("/");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is < 0x21 or > 0x7E or (byte)'#' or (byte)'/' or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'%')
            {
                builder.Append('#').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    public static string Number(float value) => new PdfNumber(value).ToString();

    /// <summary>A number for a content stream, formatted straight into the page's text without a string of its own.</summary>
    public static PdfNumber N(float value) => new(value);

    public static string Date(DateTimeOffset value) => "(D:" + value.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z)";
}

/// <summary>
/// A real number as PDF writes it: at most three decimals, no exponent, no trailing zeros ("12.5", "-0.25", "3").
/// Formatted by hand: a page has thousands of them and the general float formatter was a fifth of the writer's time.
/// </summary>
internal readonly struct PdfNumber(float value) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var thousandths = (long)Math.Round(value * 1000d, MidpointRounding.AwayFromZero);
        var position = 0;
        if (thousandths < 0)
        {
            if (destination.Length < 1)
            {
                charsWritten = 0;
                return false;
            }

            destination[position++] = '-';
            thousandths = -thousandths;
        }

        var whole = thousandths / 1000;
        var fraction = (int)(thousandths % 1000);
        if (!whole.TryFormat(destination[position..], out var written, default, CultureInfo.InvariantCulture))
        {
            charsWritten = 0;
            return false;
        }

        position += written;
        if (fraction != 0)
        {
            var digits = fraction % 100 == 0 ? 1 : fraction % 10 == 0 ? 2 : 3;
            if (destination.Length < position + 1 + digits)
            {
                charsWritten = 0;
                return false;
            }

            destination[position++] = '.';
            var divisor = 100;
            for (var i = 0; i < digits; i++)
            {
                destination[position++] = (char)('0' + (fraction / divisor % 10));
                divisor /= 10;
            }
        }

        if (position == 2 && destination[0] == '-' && destination[1] == '0')
        {
            destination[0] = '0';
            position = 1;
        }

        charsWritten = position;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[32];
        return TryFormat(buffer, out var written, default, null) ? new string(buffer[..written]) : value.ToString(CultureInfo.InvariantCulture);
    }
}
