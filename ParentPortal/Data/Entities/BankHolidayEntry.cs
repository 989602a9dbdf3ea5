namespace ParentPortal.Data.Entities;

/// <summary>A bank holiday in England and Wales. Data, not code: a manager imports GOV.UK's file when one-off holidays are declared.</summary>
public sealed class BankHolidayEntry
{
    public DateOnly Date { get; set; }

    public required string Title { get; set; }
}

/// <summary>A record of each bank-holiday import, so staff can see where the calendar came from.</summary>
public sealed class BankHolidayImport
{
    public int Id { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The importing manager's subject, or "system" for the file shipped with the portal.</summary>
    public required string ImportedBy { get; set; }

    public required string Source { get; set; }

    public int HolidayCount { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }
}
