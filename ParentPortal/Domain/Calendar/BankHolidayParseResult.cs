using System.Diagnostics.CodeAnalysis;

namespace ParentPortal.Domain.Calendar;

public sealed class BankHolidayParseResult
{
    private BankHolidayParseResult(IReadOnlyList<BankHoliday> holidays, string? error)
    {
        Holidays = holidays;
        Error = error;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The england-and-wales bank holidays in date order; empty when parsing failed.</summary>
    public IReadOnlyList<BankHoliday> Holidays { get; }

    /// <summary>A message a service manager can act on; null on success.</summary>
    public string? Error { get; }

    internal static BankHolidayParseResult Success(IReadOnlyList<BankHoliday> holidays) => new(holidays, null);

    internal static BankHolidayParseResult Failure(string error) => new([], error);
}
