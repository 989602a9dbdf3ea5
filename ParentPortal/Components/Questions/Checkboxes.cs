using ParentPortal.Domain.Triage;

namespace ParentPortal.Components.Questions;

/// <summary>How ticking a checkbox changes a checkbox question's stored answer (values comma-separated, in the options' order).</summary>
public static class Checkboxes
{
    /// <summary>
    /// Ticking "None of these" (an exclusive option) clears the others, and ticking another clears "None of these";
    /// unticking removes the option. Null when nothing is left ticked.
    /// </summary>
    public static string? Tick(string? current, Option option, bool ticked, IReadOnlyList<Option> options)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(options);
        var chosen = (current ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (ticked)
        {
            if (option.Exclusive)
            {
                chosen.Clear();
            }
            else
            {
                chosen.RemoveWhere(v => options.Any(o => o.Exclusive && o.Value == v));
            }

            chosen.Add(option.Value);
        }
        else
        {
            chosen.Remove(option.Value);
        }

        return chosen.Count == 0 ? null : string.Join(',', options.Where(o => chosen.Contains(o.Value)).Select(o => o.Value));
    }
}
