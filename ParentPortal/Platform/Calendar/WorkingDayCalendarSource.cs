using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Platform.Calendar;

/// <summary>
/// The current working-day calendar, built from the bank holidays in the database. An import on this
/// instance takes effect at once; other instances pick it up within <see cref="RefreshAfter"/>.
/// </summary>
public sealed class WorkingDayCalendarSource(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);

    private Snapshot? _current;

    public async ValueTask<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        var now = clock.GetUtcNow();
        if (current is not null && now - current.LoadedAt < RefreshAfter)
        {
            return current.Calendar;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var holidays = await db.BankHolidays.AsNoTracking()
            .Select(h => new BankHoliday(h.Date, h.Title))
            .ToListAsync(cancellationToken);
        var calendar = new WorkingDayCalendar(holidays);
        Volatile.Write(ref _current, new Snapshot(calendar, now));
        return calendar;
    }

    /// <summary>One engine for every clock: build it per request from the current calendar.</summary>
    public async ValueTask<DeadlineCalculator> CalculatorAsync(CancellationToken cancellationToken = default) =>
        new(await GetAsync(cancellationToken));

    public void Invalidate() => Volatile.Write(ref _current, null);

    private sealed record Snapshot(WorkingDayCalendar Calendar, DateTimeOffset LoadedAt);
}
