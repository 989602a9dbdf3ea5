namespace ParentPortal.Features.Reports;

/// <summary>Chart colours: each at least 3:1 against white (WCAG 1.4.11) and told apart by more than hue alone in the tables.</summary>
internal static class ReportCharts
{
    public const string BarHeight = "340px";

    /// <summary>At most this many gridlines: enough to read a bar against, not so many that the labels crowd.</summary>
    public const int YAxisTicks = 6;

    public static readonly string[] Palette = ["#1f5c8b", "#c2410c", "#2e6b4f", "#6b4a8a", "#a61e4d", "#4d5a61", "#0e7490", "#854d0e"];

    /// <summary>A round gap between gridlines (1, 2, 5, 10, 20, 50, ...) giving at most <see cref="YAxisTicks"/> of them up to <paramref name="max"/>.</summary>
    public static int Step(double max)
    {
        var step = 1;
        while (max / step > YAxisTicks)
        {
            step = step.ToString(System.Globalization.CultureInfo.InvariantCulture)[0] == '2' ? step / 2 * 5 : step * 2;
        }

        return step;
    }

    /// <summary>Under a bar, "British Sign Language (BSL)" is shown as its abbreviation; the table has the full name.</summary>
    public static string Short(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var open = label.LastIndexOf(" (", StringComparison.Ordinal);
        if (open < 0 || !label.EndsWith(')'))
        {
            return label;
        }

        var inner = label[(open + 2)..^1];
        return inner.Length is > 1 and <= 5 && inner.All(char.IsUpper) ? inner : label;
    }

    /// <summary>Bars and slices for the largest categories; the rest are summed into one, so a chart stays readable.</summary>
    public static (string[] Labels, double[] Values) Top(Breakdown breakdown, int max, string? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var items = breakdown.Items.Where(i => i.Count > 0 && i.Label != leaveOut).ToList();
        if (items.Count <= max)
        {
            return ([.. items.Select(i => Short(i.Label))], [.. items.Select(i => (double)i.Count)]);
        }

        var shown = items.Take(max - 1).ToList();
        var rest = items.Skip(max - 1).Sum(i => i.Count);
        return ([.. shown.Select(i => Short(i.Label)), "All others"], [.. shown.Select(i => (double)i.Count), rest]);
    }
}
