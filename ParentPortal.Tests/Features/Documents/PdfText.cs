using System.Diagnostics;
using System.Text;
using ParentPortal.Tests.TestSupport;
using UglyToad.PdfPig;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>Reads a PDF back as a reader would: words joined by single spaces (PdfPig's page.Text runs words together).</summary>
public static class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)).Normalize(NormalizationForm.FormC))];
    }

    public static string All(byte[] pdf) => string.Join(' ', Pages(pdf));

    /// <summary>Whitespace and line breaks collapsed, so a sentence that wrapped still matches.</summary>
    public static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Normalize(NormalizationForm.FormC);

    public static void AssertContains(string expected, string actual) => Assert.Contains(Words(expected), actual, StringComparison.Ordinal);

    /// <summary>Renders pages to PNG with poppler's pdftoppm into artifacts/pdf/, to look at; returns the files.</summary>
    public static IReadOnlyList<string> RenderPng(byte[] pdf, string name, int dpi = 80, int? lastPage = null)
    {
        var pdfPath = RepositoryPaths.Artifacts("pdf", name + ".pdf");
        File.WriteAllBytes(pdfPath, pdf);
        var prefix = Path.Combine(Path.GetDirectoryName(pdfPath)!, name);
        foreach (var old in Directory.GetFiles(Path.GetDirectoryName(pdfPath)!, name + "-*.png"))
        {
            File.Delete(old);
        }

        var arguments = $"-png -r {dpi}" + (lastPage is { } last ? $" -l {last}" : string.Empty) + $" \"{pdfPath}\" \"{prefix}\"";
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", arguments) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("pdftoppm did not start");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "pdftoppm failed: " + errors);
        return [.. Directory.GetFiles(Path.GetDirectoryName(pdfPath)!, name + "-*.png").Order(StringComparer.Ordinal)];
    }
}
