using System.IO.Compression;
using System.Text;

namespace ParentPortal.Platform.Files;

/// <summary>What a file is, judged from its bytes.</summary>
public enum FileType
{
    Unknown,
    Pdf,
    Jpeg,
    Png,
    Docx,
    Heic,
}

/// <summary>A file that may be kept (<see cref="Type"/> and the name it is kept under), or the reason it may not, in words for a parent.</summary>
public sealed record InspectionResult(FileType Type, string? FileName, string? Refusal)
{
    public bool Accepted => Refusal is null;

    public string ContentType => FileInspection.ContentTypeOf(Type);
}

/// <summary>
/// Issue 14's checks on an upload, before the virus scan: the name, the size, and what the bytes really are (PDF,
/// JPEG, PNG or a Word .docx; an iPhone's HEIC photo is recognised and refused with how to send it instead), whatever
/// the name says. A PDF that carries script or launches programs, and a .docx that is a zip bomb or carries macros, are
/// refused. Every refusal is a sentence a parent can act on; nothing refused is kept.
/// </summary>
public static class FileInspection
{
    public const int MaxNameLength = 150;

    /// <summary>What a .docx may expand to in total, and how far one part may compress (a zip bomb compresses far more).</summary>
    private const long MaxExpandedBytes = 200L * 1024 * 1024;
    private const long MaxCompressionRatio = 200;
    private const int MaxZipEntries = 2000;

    /// <summary>How much a PDF's compressed streams may expand to while looking for script in them.</summary>
    private const long MaxPdfInflatedBytes = 100L * 1024 * 1024;

    public const string AcceptedTypes = "PDF, JPEG, PNG or Word (.docx)";

    private static readonly string[] PdfActions = ["/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/RichMedia", "/XFA"];

    public static string ContentTypeOf(FileType type) => type switch
    {
        FileType.Pdf => "application/pdf",
        FileType.Jpeg => "image/jpeg",
        FileType.Png => "image/png",
        FileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };

    public static string ExtensionOf(FileType type) => type switch
    {
        FileType.Pdf => ".pdf",
        FileType.Jpeg => ".jpg",
        FileType.Png => ".png",
        FileType.Docx => ".docx",
        FileType.Heic => ".heic",
        _ => "",
    };

    /// <summary>
    /// The name as the browser sent it: refused when empty, too long, or carrying path or control characters (a browser
    /// sends only the file's own name, so "../" or "C:\" is never a parent's file).
    /// </summary>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Choose a file to upload";
        }

        if (name.Length > MaxNameLength)
        {
            return $"The file's name must be {MaxNameLength} characters or fewer. Rename it and try again";
        }

        if (name.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0 || name.Any(char.IsControl) || name.Trim().StartsWith('.'))
        {
            return "The file's name has characters we cannot accept (such as / \\ : or a dot at the start). Rename it using letters, numbers and spaces, and try again";
        }

        return null;
    }

    /// <summary>Everything but the virus scan. <paramref name="maxBytes"/> is the configured limit for one file.</summary>
    public static InspectionResult Inspect(string? name, ReadOnlySpan<byte> content, long maxBytes)
    {
        if (CheckName(name) is { } badName)
        {
            return new(FileType.Unknown, null, badName);
        }

        if (content.Length == 0)
        {
            return new(FileType.Unknown, null, "The file you chose is empty. Check it opens on your device, then try again");
        }

        if (content.Length > maxBytes)
        {
            return new(FileType.Unknown, null, $"The file must be smaller than {UploadOptions.Megabytes(maxBytes)}");
        }

        var type = Sniff(content);
        var claimed = ClaimedType(name!);
        if (type == FileType.Heic)
        {
            return new(type, null, "We cannot take HEIC photos (the format iPhones use). On your iPhone, open Settings, then Camera, then Formats, and choose Most Compatible; or take a screenshot of the photo and upload that");
        }

        if (type == FileType.Unknown)
        {
            return new(type, null, claimed is { } said and not FileType.Unknown
                ? $"This file is called a {Describe(said)} but it is not one, so we cannot open it. Save it again as a {AcceptedTypes} file and try again"
                : $"The file must be a {AcceptedTypes}");
        }

        if (type == FileType.Pdf && PdfActive(content))
        {
            return new(type, null, "This PDF contains scripts or attached files, which we cannot accept. Print it to a new PDF (choose Print, then Save as PDF) and upload that");
        }

        if (type == FileType.Docx && DocxProblem(content) is { } problem)
        {
            return new(type, null, problem);
        }

        // Content decides; a photo called .png that is really a JPEG is kept as what it is.
        var stem = Path.GetFileNameWithoutExtension(name!.Trim());
        return new(type, (stem.Length == 0 ? "document" : stem) + ExtensionOf(type), null);
    }

    public static FileType Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return FileType.Pdf;
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return FileType.Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileType.Png;
        }

        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return FileType.Docx;
        }

        if (content.Length >= 12 && content.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(content.Slice(8, 4));
            if (brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1")
            {
                return FileType.Heic;
            }
        }

        return FileType.Unknown;
    }

    private static FileType? ClaimedType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => FileType.Pdf,
        ".jpg" or ".jpeg" => FileType.Jpeg,
        ".png" => FileType.Png,
        ".docx" => FileType.Docx,
        ".heic" or ".heif" => FileType.Heic,
        _ => null,
    };

    private static string Describe(FileType type) => type switch
    {
        FileType.Pdf => "PDF",
        FileType.Jpeg => "JPEG photo",
        FileType.Png => "PNG picture",
        FileType.Docx => "Word document",
        _ => "file",
    };

    /// <summary>
    /// True when the PDF names an action that runs something (script, a program, an attached file, a form's script):
    /// in its objects, with names written with #xx escapes decoded, and in every compressed stream (object streams hide
    /// dictionaries there), inflated up to a limit; a PDF that would expand beyond the limit is treated as active.
    /// </summary>
    public static bool PdfActive(ReadOnlySpan<byte> content)
    {
        var text = Encoding.Latin1.GetString(content);
        if (NamesAction(text))
        {
            return true;
        }

        long inflated = 0;
        var at = 0;
        while ((at = text.IndexOf("stream", at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + 6;
            if (at >= 3 && string.CompareOrdinal(text, at - 3, "end", 0, 3) == 0)
            {
                at = start;
                continue;
            }

            if (start < text.Length && text[start] == '\r')
            {
                start++;
            }

            if (start >= text.Length || text[start] != '\n')
            {
                at = start;
                continue;
            }

            start++;
            var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var expanded = TryInflate(content[start..end], MaxPdfInflatedBytes - inflated);
            if (expanded is null)
            {
                return true;
            }

            inflated += expanded.Length;
            if (expanded.Length > 0 && NamesAction(Encoding.Latin1.GetString(expanded)))
            {
                return true;
            }

            at = end + 9;
        }

        return false;
    }

    private static bool NamesAction(string text)
    {
        var decoded = text.Contains('#', StringComparison.Ordinal) ? DecodeNameEscapes(text) : text;
        foreach (var action in PdfActions)
        {
            for (var i = decoded.IndexOf(action, StringComparison.Ordinal); i >= 0; i = decoded.IndexOf(action, i + 1, StringComparison.Ordinal))
            {
                // "/JS" must be the whole name, not the start of "/JSomething".
                var next = i + action.Length;
                if (next >= decoded.Length || !char.IsAsciiLetterOrDigit(decoded[next]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>PDF names may write any character as #xx ("/J#61vaScript" is "/JavaScript").</summary>
    private static string DecodeNameEscapes(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '#' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                builder.Append((char)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The stream inflated (zlib), empty when it is not zlib data, null when it would expand beyond <paramref name="budget"/>.</summary>
    private static byte[]? TryInflate(ReadOnlySpan<byte> body, long budget)
    {
        if (body.Length < 2 || body[0] != 0x78)
        {
            return [];
        }

        try
        {
            using var input = new MemoryStream(body.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > budget)
                {
                    return null;
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    /// <summary>A .docx is a zip with Word's parts: refused when it is not one, carries macros, or expands beyond reason.</summary>
    private static string? DocxProblem(ReadOnlySpan<byte> content)
    {
        const string notWord = "This file is not a Word document we can open. Save it as a .docx or a PDF, and try again";
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content.ToArray()), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxZipEntries)
            {
                return notWord;
            }

            var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml") || !names.Contains("word/document.xml"))
            {
                return notWord;
            }

            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return "This Word document contains macros, which we cannot accept. Save it as a .docx without macros, or as a PDF, and try again";
            }

            // The sizes in the zip's directory can lie: count what each part really expands to.
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                long expanded = 0;
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    expanded += read;
                    total += read;
                    if (total > MaxExpandedBytes || expanded > Math.Max(1024 * 1024, entry.CompressedLength * MaxCompressionRatio))
                    {
                        return notWord;
                    }
                }
            }

            return null;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            return notWord;
        }
    }
}
