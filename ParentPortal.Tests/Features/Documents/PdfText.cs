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

    /// <summary>
    /// The words of <paramref name="expected"/> appear in order, other words allowed between them: PdfPig reads a page
    /// line by line across columns, so a table cell that wraps is interleaved with its neighbours.
    /// </summary>
    public static void AssertInOrder(string expected, string actual)
    {
        var haystack = actual.Split(' ');
        var position = 0;
        foreach (var word in Words(expected).Split(' '))
        {
            while (position < haystack.Length && !string.Equals(haystack[position], word, StringComparison.Ordinal))
            {
                position++;
            }

            Assert.True(position < haystack.Length, $"\"{word}\" of \"{expected}\" not found in order in: {actual}");
            position++;
        }
    }

    /// <summary>A table row: each cell's words in order, after the row's first cell starts (cells of a row share lines).</summary>
    public static void AssertRow(string actual, params string[] cells)
    {
        var first = Words(cells[0]).Split(' ');
        var start = actual.IndexOf(string.Join(' ', first.Take(Math.Min(3, first.Length))), StringComparison.Ordinal);
        Assert.True(start >= 0, $"Row starting \"{cells[0]}\" not found in: {actual}");
        foreach (var cell in cells)
        {
            AssertInOrder(cell, actual[start..]);
        }
    }

    /// <summary>
    /// Runs a command-line tool (poppler's pdfinfo, pdffonts, pdftotext; the PDF/UA checker) on a PDF written to
    /// artifacts/pdf/, returning its exit code and what it printed.
    /// </summary>
    public static (int ExitCode, string Output) Tool(byte[] pdf, string name, string tool, params string[] arguments)
    {
        var pdfPath = RepositoryPaths.Artifacts("pdf", name + ".pdf");
        File.WriteAllBytes(pdfPath, pdf);
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(pdfPath);
        if (tool == "pdftotext")
        {
            info.ArgumentList.Add("-");
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(tool + " did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + errors.Result);
    }

    /// <summary>The independent PDF/UA-1 checker (tools/pdfua-check.py, Python with pikepdf): exit code and its report.</summary>
    public static (int ExitCode, string Output) PdfUaCheck(byte[] pdf, string name) =>
        Tool(pdf, name, "/usr/bin/python3", Path.Combine(RepositoryPaths.Root, "tools", "pdfua-check.py"));

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
