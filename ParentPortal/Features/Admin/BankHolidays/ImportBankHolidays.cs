using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Domain.Calendar;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Admin.BankHolidays;

public sealed record ImportBankHolidaysResult(bool Succeeded, string Message);

/// <summary>
/// A service manager imports GOV.UK's bank-holidays JSON. A malformed file is refused with a message
/// and the existing data stays as it was; a good one replaces the years it covers, at once.
/// </summary>
public sealed class ImportBankHolidaysHandler(
    IDbContextFactory<PortalDbContext> contextFactory,
    WorkingDayCalendarSource calendars,
    TimeProvider clock)
{
    public const int MaxFileBytes = 512 * 1024;

    public async Task<ImportBankHolidaysResult> HandleAsync(ClaimsPrincipal user, string fileName, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(json);
        var subject = user.Subject();
        if (subject is null || !await StaffAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return new(false, "Only a service manager can import bank holidays.");
        }

        if (json.Length > MaxFileBytes)
        {
            return new(false, "The file is too large to be a bank holidays file. Download it from " + BankHolidayFile.SourceAddress + " and try again.");
        }

        var parsed = BankHolidayFile.Parse(json);
        if (!parsed.IsSuccess)
        {
            return new(false, parsed.Error);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var source = "Uploaded file " + Path.GetFileName(fileName);
            await BankHolidayStore.ReplaceYearsAsync(db, parsed.Holidays, subject, source, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        calendars.Invalidate();
        var years = parsed.Holidays.Select(h => h.Date.Year).ToList();
        return new(true, $"Imported {parsed.Holidays.Count} bank holidays for {years.Min()} to {years.Max()}. Every deadline uses them from now on.");
    }
}
