using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Calendar;

namespace ParentPortal.Platform.Calendar;

public static class BankHolidayStore
{
    public const string ShippedSource = "GOV.UK bank holidays (england-and-wales), shipped with the portal";

    /// <summary>
    /// Replaces the bank holidays of every year the file covers and keeps the other years: GOV.UK's file
    /// covers a few years either side of today, and the portal's data runs further.
    /// </summary>
    public static async Task ReplaceYearsAsync(
        PortalDbContext db,
        IReadOnlyList<BankHoliday> holidays,
        string importedBy,
        string source,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(holidays);
        var years = holidays.Select(h => h.Date.Year).Distinct().Order().ToList();
        foreach (var year in years)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            await db.BankHolidays.Where(h => h.Date >= first && h.Date <= last).ExecuteDeleteAsync(cancellationToken);
        }

        db.BankHolidays.AddRange(holidays.Select(h => new BankHolidayEntry { Date = h.Date, Title = Limit(h.Title, 200) }));
        db.BankHolidayImports.Add(new BankHolidayImport
        {
            ImportedAt = now,
            ImportedBy = importedBy,
            Source = Limit(source, 200),
            HolidayCount = holidays.Count,
            FirstYear = years[0],
            LastYear = years[^1],
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>On a new database, loads the bank holidays shipped with the portal (2018 to 2030).</summary>
    public static async Task SeedIfEmptyAsync(PortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.BankHolidays.AnyAsync(cancellationToken))
        {
            return;
        }

        var parsed = BankHolidayFile.Parse(ShippedJson());
        if (!parsed.IsSuccess)
        {
            throw new InvalidOperationException("The bank holiday file shipped with the portal is broken: " + parsed.Error);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReplaceYearsAsync(db, parsed.Holidays, "system", ShippedSource, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static string ShippedJson()
    {
        using var stream = typeof(BankHolidayStore).Assembly.GetManifestResourceStream("ParentPortal.BankHolidays.json")
            ?? throw new InvalidOperationException("The shipped bank holiday file is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];
}
