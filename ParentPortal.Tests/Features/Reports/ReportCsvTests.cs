using System.Text;
using ParentPortal.Features.Reports;

namespace ParentPortal.Tests.Features.Reports;

public sealed class ReportCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("Smith, Jones", "\"Smith, Jones\"")]
    [InlineData("She said \"no\"", "\"She said \"\"no\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("Łukasz Dvořák", "Łukasz Dvořák")]
    public void Cell_QuotesAsRfc4180Says(string value, string expected) => Assert.Equal(expected, ReportCsv.Cell(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("+44 1234", "'+44 1234")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("a=b", "a=b")]
    public void Cell_PrefixesAnythingASpreadsheetWouldRunAsAFormula(string value, string expected) => Assert.Equal(expected, ReportCsv.Cell(value));

    [Fact]
    public void ToBytes_IsUtf8WithAByteOrderMark_AndCrlfLineEnds()
    {
        var report = Sample("Łukasz's language", "=cmd|' /C calc'!A0");

        var bytes = ReportCsv.ToBytes(report);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = new UTF8Encoding(false).GetString(bytes[3..]);
        Assert.StartsWith("Section,Item,Breakdown,Value,Out of,Percent\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Calls by language,Łukasz's language,,3,4,75.0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Calls by topic,'=cmd|' /C calc'!A0,,1,1,100.0\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_WritesSixColumnsOnEveryRow_AndAnEmptyPercentWhenThereIsNothingToDivideBy()
    {
        var lines = ReportCsv.ToText(Sample("English", "Advice")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.All(lines, line => Assert.Equal(5, line.Count(c => c == ',')));
        Assert.Contains("Agreement,Mediations held that reached agreement,,0,0,", lines);
        Assert.Contains("Satisfaction,Average rating (1 to 5),,,,", lines);
        Assert.Contains("Calls by month,2026-01,All callers,4,,", lines);
    }

    [Fact]
    public void FileName_NamesThePeriod()
    {
        Assert.Equal("report-2026-01-01-to-2026-01-31.csv", ReportCsv.FileName(Sample("English", "Advice")));
    }

    private static Report Sample(string language, string topic)
    {
        var none = new Breakdown([], 0);
        return new Report(
            new DateOnly(2026, 1, 1),
            new DateOnly(2026, 1, 31),
            new CallFigures(
                4,
                [new MonthOfCalls(new DateOnly(2026, 1, 1), [4], 4)],
                new Breakdown([new Tally("Parent", "Parent or carer", 4)], 4),
                new Breakdown([new Tally("T", topic, 1)], 1),
                none,
                new Breakdown([new Tally("L", language, 3), new Tally("E", "English", 1)], 4),
                new Share(0, 4)),
            new CaseFigures(0, none, none),
            new OutcomeFigures(new Share(0, 0), new Share(0, 0), new Share(0, 0), new Share(0, 0)),
            new SatisfactionFigures(0, null, none, none),
            new ApplicationLanguageFigures(none, new Share(0, 0)),
            new SupportFigures(1, 2, 3, 4),
            new MeetingFigures(5, 6, 7, 8, 9),
            new ReferralFigures(10, 11, 12, 13, 14),
            new AgreedActionFigures(new Share(15, 16), 17, 18),
            new AppealFigures(19, 20, 21, 22, new Share(3, 22)));
    }
}
