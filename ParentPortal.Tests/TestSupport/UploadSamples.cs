using System.IO.Compression;
using System.Text;

namespace ParentPortal.Tests.TestSupport;

/// <summary>Files to upload: good ones of each kind, and the hostile ones issue 14 names, made here so nothing binary is checked in.</summary>
public static class UploadSamples
{
    /// <summary>A small, valid one-page PDF with a line of text.</summary>
    public static byte[] Pdf(string text = "Decision letter")
    {
        var content = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    public static byte[] PdfWithScript() => Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The script's name written with #xx escapes, which PDF readers decode.</summary>
    public static byte[] PdfWithEscapedScript() => Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>\nendobj\n%%EOF\n");

    /// <summary>The script inside a compressed object stream, where a plain search for "/JavaScript" cannot see it.</summary>
    public static byte[] PdfWithCompressedScript()
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(Encoding.Latin1.GetBytes("2 0 << /S /JavaScript /JS (app.alert(1)) >>"));
        }

        var head = Encoding.Latin1.GetBytes($"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {packed.Length} >>\nstream\n");
        var tail = Encoding.Latin1.GetBytes("\nendstream\nendobj\n%%EOF\n");
        return [.. head, .. packed.ToArray(), .. tail];
    }

    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8.ToArray(), 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    /// <summary>An iPhone photo's first bytes: an ISO box "ftyp" with the brand "heic".</summary>
    public static byte[] Heic() => [0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8.ToArray(), 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8.ToArray(), 0, 0, 0, 0];

    /// <summary>A Windows program's first bytes ("MZ"), to be renamed as a letter.</summary>
    public static byte[] Executable() => [.. "MZ"u8.ToArray(), 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, .. new byte[200]];

    public static byte[] Docx(params (string Name, byte[] Content)[] extra)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8.ToArray());
            Add(zip, "word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Report</w:t></w:r></w:p></w:body></w:document>"u8.ToArray());
            foreach (var (name, content) in extra)
            {
                Add(zip, name, content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A "Word document" with a part of zeros that compresses about a thousand times: a zip bomb in small.</summary>
    public static byte[] DocxBomb() => Docx(("word/media/image1.png", new byte[20 * 1024 * 1024]));

    public static byte[] DocxWithMacros() => Docx(("word/vbaProject.bin", "macro"u8.ToArray()));

    /// <summary>The EICAR test file inside an otherwise ordinary-looking PDF (the scanner finds it anywhere).</summary>
    public static byte[] PdfWithEicar() => [.. Pdf(), .. Encoding.ASCII.GetBytes(ClamAvDaemon.Eicar)];

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }
}
