using System.Text.RegularExpressions;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Architecture;

/// <summary>
/// Browser tests run the portal on the real clock (sign-in tokens must agree with the browser), so a date typed as a
/// literal becomes wrong with time: a meeting date that passes, a letter that becomes too old, a child who turns 16.
/// Every date a browser test types or compares comes from <see cref="TestDates"/>, relative to today.
/// </summary>
public sealed partial class BrowserTestDatesTests
{
    /// <summary>Files whose fixed dates are never compared with today, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        // The public checker computes deadlines from the dates typed into it and says nothing about today.
        ["DeadlineCheckerTests.cs"] = "the deadline checker works from the dates typed, not from today",
    };

    [Fact]
    public void NoBrowserTestHasALiteralDate()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "ParentPortal.Tests", "EndToEnd");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            if (Exempt.ContainsKey(Path.GetFileName(file)))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (LiteralDate().IsMatch(lines[i]))
                {
                    found.Add($"{Path.GetFileName(file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "Browser tests with literal dates (use TestDates):\n" + string.Join('\n', found));
    }

    [Theory]
    [InlineData("await page.FillAsync(\"2027-02-10\");", true)]
    [InlineData("var d = new DateOnly(2027, 3, 4);", true)]
    [InlineData("new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero)", true)]
    [InlineData("Expect(page).ToContainTextAsync(\"10 November 2026\")", true)]
    [InlineData("\"child-date-of-birth=2016-02-11\"", true)]
    [InlineData("await page.FillAsync(TestDates.FromToday(30));", false)]
    [InlineData("var phone = \"07700 900 982\";", false)]
    public void TheCheckFindsLiteralDates(string line, bool isDate) => Assert.Equal(isDate, LiteralDate().IsMatch(line));

    [GeneratedRegex(@"\b(19|20)\d{2}-\d{2}-\d{2}\b|new\s+(DateOnly|DateTime|DateTimeOffset)\(\s*(19|20)\d{2}\s*,|\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) (19|20)\d{2}\b")]
    private static partial Regex LiteralDate();
}
