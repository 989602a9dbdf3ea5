using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;

namespace ParentPortal.Features.Admin.BankHolidays;

public sealed record BankHolidayYear(int Year, int Count);

public sealed record BankHolidayImportSummary(DateTimeOffset ImportedAt, string ImportedBy, string Source, int HolidayCount, int FirstYear, int LastYear);

public sealed record BankHolidayOverview(IReadOnlyList<BankHolidayYear> Years, IReadOnlyList<BankHolidayImportSummary> RecentImports);

public sealed class BankHolidayOverviewQuery(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<BankHolidayOverview> HandleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var dates = await db.BankHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken);
        var years = dates.GroupBy(d => d.Year).OrderBy(g => g.Key).Select(g => new BankHolidayYear(g.Key, g.Count())).ToList();
        var imports = await db.BankHolidayImports.AsNoTracking()
            .OrderByDescending(i => i.ImportedAt)
            .Take(5)
            .Select(i => new BankHolidayImportSummary(i.ImportedAt, i.ImportedBy, i.Source, i.HolidayCount, i.FirstYear, i.LastYear))
            .ToListAsync(cancellationToken);
        return new BankHolidayOverview(years, imports);
    }
}
