using ParentPortal.Platform.Files;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Files;

/// <summary>Issue 14 item 3: what an upload is, from its bytes, and the hostile files refused before any scan.</summary>
public sealed class FileInspectionTests
{
    private const long Limit = 20L * 1024 * 1024;

    [Theory]
    [InlineData("letter.pdf", FileType.Pdf, "letter.pdf")]
    [InlineData("plan.docx", FileType.Docx, "plan.docx")]
    [InlineData("photo.jpeg", FileType.Jpeg, "photo.jpg")]
    [InlineData("scan.png", FileType.Png, "scan.png")]
    [InlineData("Siân's letter (final).PDF", FileType.Pdf, "Siân's letter (final).pdf")]
    public void GoodFiles_AreKept_AsWhatTheyAre(string name, FileType type, string keptAs)
    {
        var result = FileInspection.Inspect(name, Sample(type), Limit);

        Assert.True(result.Accepted, result.Refusal);
        Assert.Equal((type, keptAs), (result.Type, result.FileName));
    }

    [Fact]
    public void TheContentDecides_APngThatIsReallyAJpeg_IsKeptAsAJpeg()
    {
        var result = FileInspection.Inspect("photo.png", UploadSamples.Jpeg(), Limit);

        Assert.Equal((FileType.Jpeg, "photo.jpg", "image/jpeg"), (result.Type, result.FileName, result.ContentType));
    }

    public static TheoryData<string, string, string> HostileFiles() => new()
    {
        { "a renamed executable", "letter.pdf", "This file is called a PDF but it is not one" },
        { "a renamed executable, named as a program", "setup.exe", "The file must be a PDF, JPEG, PNG or Word (.docx)" },
        { "a PDF with JavaScript", "script.pdf", "This PDF contains scripts or attached files" },
        { "a PDF with escaped JavaScript", "escaped.pdf", "This PDF contains scripts or attached files" },
        { "a PDF with JavaScript in a compressed object stream", "packed.pdf", "This PDF contains scripts or attached files" },
        { "a zip bomb disguised as a DOCX", "report.docx", "This file is not a Word document we can open" },
        { "a DOCX with macros", "macro.docx", "This Word document contains macros" },
        { "a 0-byte file", "empty.pdf", "The file you chose is empty" },
        { "a file over the limit", "big.pdf", "The file must be smaller than 1 KB" },
        { "a name with path characters", "../../etc/passwd.pdf", "The file's name has characters we cannot accept" },
        { "a Windows path", @"C:\Users\sam\letter.pdf", "The file's name has characters we cannot accept" },
        { "a hidden name", ".htaccess.pdf", "The file's name has characters we cannot accept" },
        { "a name with a control character", "letter\u0000.pdf", "The file's name has characters we cannot accept" },
        { "an iPhone HEIC photo", "IMG_0001.HEIC", "We cannot take HEIC photos" },
        { "a text file called a Word document", "notes.docx", "This file is called a Word document but it is not one" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void HostileFiles_AreRefused_WithAKindMessage(string what, string name, string message)
    {
        var content = what switch
        {
            "a renamed executable" or "a renamed executable, named as a program" => UploadSamples.Executable(),
            "a PDF with JavaScript" => UploadSamples.PdfWithScript(),
            "a PDF with escaped JavaScript" => UploadSamples.PdfWithEscapedScript(),
            "a PDF with JavaScript in a compressed object stream" => UploadSamples.PdfWithCompressedScript(),
            "a zip bomb disguised as a DOCX" => UploadSamples.DocxBomb(),
            "a DOCX with macros" => UploadSamples.DocxWithMacros(),
            "a 0-byte file" => [],
            "a file over the limit" => UploadSamples.Pdf(new string('x', 2000)),
            "an iPhone HEIC photo" => UploadSamples.Heic(),
            "a text file called a Word document" => "just some notes"u8.ToArray(),
            _ => UploadSamples.Pdf(),
        };

        var result = FileInspection.Inspect(name, content, what == "a file over the limit" ? 1024 : Limit);

        Assert.False(result.Accepted, what);
        Assert.StartsWith(message, result.Refusal, StringComparison.Ordinal);
        Assert.Null(result.FileName);
    }

    [Fact]
    public void APdfThatOnlyMentionsJavaScriptInItsText_IsStillAPdf_ButANameThatMerelyStartsTheSame_IsNotAScript()
    {
        // "/JSON" is not "/JS": only whole names count.
        var content = System.Text.Encoding.Latin1.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /JSON 1 >>\nendobj\n%%EOF\n");

        Assert.True(FileInspection.Inspect("ok.pdf", content, Limit).Accepted);
        Assert.True(FileInspection.Inspect("ok.pdf", UploadSamples.Pdf("JavaScript is mentioned here"), Limit).Accepted);
    }

    [Theory]
    [InlineData("stream: OK\0", ScanOutcome.Clean, null)]
    [InlineData("stream: Portal.Test.EICAR.UNOFFICIAL FOUND\0", ScanOutcome.Infected, "Portal.Test.EICAR.UNOFFICIAL")]
    [InlineData("INSTREAM size limit exceeded. ERROR\0", ScanOutcome.NotChecked, null)]
    [InlineData("", ScanOutcome.NotChecked, null)]
    public void ClamdsAnswers_AreReadAsDocumented(string answer, ScanOutcome outcome, string? signature)
    {
        Assert.Equal(new ScanResult(outcome, signature), ClamAvScanner.Interpret(answer));
    }

    private static byte[] Sample(FileType type) => type switch
    {
        FileType.Pdf => UploadSamples.Pdf(),
        FileType.Docx => UploadSamples.Docx(),
        FileType.Jpeg => UploadSamples.Jpeg(),
        _ => UploadSamples.Png(),
    };
}
