using System.Globalization;
using System.Text.Json;

namespace ParentPortal.Domain.Calendar;

/// <summary>
/// Reads the public GOV.UK bank holidays JSON (https://www.gov.uk/bank-holidays.json): a top-level object
/// with one section per division, each holding <c>division</c> and <c>events</c> of
/// <c>{ title, date: "yyyy-MM-dd", notes, bunting }</c>. Only the england-and-wales section is read.
/// </summary>
public static class BankHolidayFile
{
    public const string Division = "england-and-wales";
    public const string SourceAddress = "https://www.gov.uk/bank-holidays.json";

    // Anything outside these years is a typing or export mistake, not a bank holiday the service needs.
    public const int EarliestYear = 2000;
    public const int LatestYear = 2100;

    private const string DownloadAgain = "Download it from " + SourceAddress + " and try again.";
    private const int LongestTitleInMessages = 60;

    public static BankHolidayParseResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Fail("The file is empty. " + DownloadAgain);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return Fail("The file is not in the GOV.UK bank holidays format because it is not valid JSON. " + DownloadAgain);
        }
    }

    private static BankHolidayParseResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("The file is not in the GOV.UK bank holidays format. " + DownloadAgain);
        }

        if (!root.TryGetProperty(Division, out var section) || section.ValueKind != JsonValueKind.Object)
        {
            return Fail($"The file has no '{Division}' section. " + DownloadAgain);
        }

        if (section.TryGetProperty("division", out var division)
            && (division.ValueKind != JsonValueKind.String || !string.Equals(division.GetString(), Division, StringComparison.Ordinal)))
        {
            return Fail($"The '{Division}' section is labelled as a different division. " + DownloadAgain);
        }

        if (!section.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            return Fail($"The '{Division}' section has no list of bank holidays. " + DownloadAgain);
        }

        if (events.GetArrayLength() == 0)
        {
            return Fail($"The '{Division}' section lists no bank holidays. " + DownloadAgain);
        }

        var byDate = new Dictionary<DateOnly, BankHoliday>();
        var number = 0;
        foreach (var item in events.EnumerateArray())
        {
            number++;
            var (holiday, error) = ReadEvent(item, number);
            if (error is not null)
            {
                return Fail(error);
            }

            if (byDate.TryGetValue(holiday!.Date, out var existing))
            {
                if (!string.Equals(existing.Title, holiday.Title, StringComparison.Ordinal))
                {
                    return Fail(
                        $"The date {Iso(holiday.Date)} is listed twice with different names ('{Shorten(existing.Title)}' and '{Shorten(holiday.Title)}'). "
                        + "Remove one of them, or download a fresh copy from " + SourceAddress + ", and try again.");
                }

                continue;
            }

            byDate.Add(holiday.Date, holiday);
        }

        return BankHolidayParseResult.Success([.. byDate.Values.OrderBy(h => h.Date)]);
    }

    private static (BankHoliday? Holiday, string? Error) ReadEvent(JsonElement item, int number)
    {
        var fixOrDownload = "Correct it, or download a fresh copy from " + SourceAddress + ", and try again.";
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, $"Bank holiday number {number} in the file is not in the expected form. {fixOrDownload}");
        }

        var title = item.TryGetProperty("title", out var titleElement) && titleElement.ValueKind == JsonValueKind.String
            ? titleElement.GetString()!.Trim()
            : string.Empty;
        if (title.Length == 0)
        {
            return (null, $"Bank holiday number {number} in the file has no title. {fixOrDownload}");
        }

        if (!item.TryGetProperty("date", out var dateElement) || dateElement.ValueKind is JsonValueKind.Null)
        {
            return (null, $"The bank holiday '{Shorten(title)}' has no date. {fixOrDownload}");
        }

        var text = dateElement.ValueKind == JsonValueKind.String ? dateElement.GetString()! : dateElement.GetRawText();
        if (dateElement.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, $"The bank holiday '{Shorten(title)}' has the date '{Shorten(text)}', which is not a real date written as yyyy-mm-dd. {fixOrDownload}");
        }

        if (date.Year is < EarliestYear or > LatestYear)
        {
            return (null, $"The bank holiday '{Shorten(title)}' is dated {Iso(date)}, outside the years {EarliestYear} to {LatestYear} that this service accepts. {fixOrDownload}");
        }

        // GOV.UK marks substitute days in "notes"; keeping it in the title lets reasons say "Boxing Day (Substitute day)".
        var notes = item.TryGetProperty("notes", out var notesElement) && notesElement.ValueKind == JsonValueKind.String
            ? notesElement.GetString()!.Trim()
            : string.Empty;
        var fullTitle = notes.Length == 0 ? title : $"{title} ({char.ToLowerInvariant(notes[0])}{notes[1..]})";
        return (new BankHoliday(date, fullTitle), null);
    }

    private static BankHolidayParseResult Fail(string message) => BankHolidayParseResult.Failure(message);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= LongestTitleInMessages ? oneLine : string.Concat(oneLine.AsSpan(0, LongestTitleInMessages), "…");
    }
}
