using System.Text.Json.Nodes;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Tests.TestSupport;

/// <summary>Bank-holiday files in GOV.UK's format, built from the shipped one.</summary>
public static class BankHolidayFiles
{
    /// <summary>The shipped file with one more (one-off) bank holiday, as when a coronation or funeral is declared.</summary>
    public static string ShippedPlusOneOff(DateOnly date, string title = "Extra bank holiday for testing")
    {
        var root = JsonNode.Parse(BankHolidayStore.ShippedJson())!;
        var events = root["england-and-wales"]!["events"]!.AsArray();
        events.Add(new JsonObject
        {
            ["title"] = title,
            ["date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["notes"] = "",
            ["bunting"] = true,
        });
        return root.ToJsonString();
    }
}
