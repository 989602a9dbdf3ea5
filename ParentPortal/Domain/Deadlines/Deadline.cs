using ParentPortal.Domain.Text;

namespace ParentPortal.Domain.Deadlines;

/// <param name="Date">The last day on which the act is in time.</param>
/// <param name="Reason">One plain-English sentence saying how the date was worked out and which rule sets it (a <see cref="Wording"/>, so a family's page can show it in their language).</param>
/// <param name="Warnings">Things to know about the date, for example that it falls on a weekend.</param>
/// <param name="YearsWithoutBankHolidayData">Years the calculation touched whose bank holidays are not in the data.</param>
public sealed record Deadline(
    DateOnly Date,
    Wording Reason,
    IReadOnlyList<Wording> Warnings,
    IReadOnlyList<int> YearsWithoutBankHolidayData)
{
    public bool DependsOnUnpublishedBankHolidays => YearsWithoutBankHolidayData.Count > 0;
}
