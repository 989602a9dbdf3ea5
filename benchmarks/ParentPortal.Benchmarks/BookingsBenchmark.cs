using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Booking;
using ParentPortal.Platform;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Benchmarks;

/// <summary>
/// Bookings per second through the real <see cref="BookSessionHandler"/> (seat taken by a conditional update, the
/// booking, the confirmation e-mail and its calendar invite in the outbox, all in one transaction), on a real
/// database: SQLite by default, PostgreSQL when PORTAL_BENCH_POSTGRES holds a connection string.
/// Parents book in parallel, several to a session, until every seat is taken; the run then checks no session is overbooked.
/// </summary>
public static class BookingsBenchmark
{
    public static async Task<int> RunAsync(int parents, int workers)
    {
        var postgres = Environment.GetEnvironmentVariable("PORTAL_BENCH_POSTGRES");
        var folder = Path.Combine(Path.GetTempPath(), "parentportal-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = "bench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = postgres is null ? $"Data Source={Path.Combine(folder, "bench.db")}" : $"{postgres};Database={database}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connection,
            ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Database:SeedDemoData"] = "false",
            ["Sessions:OfferExpiryJobEnabled"] = "false",
            ["Messaging:DispatcherEnabled"] = "false",
            ["Service:Name"] = "Benchmark Mediation Service",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.AddPortalData();
        builder.AddPortalPlatform();
        builder.AddPortalBooking();
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        const int capacity = 20;
        var sessions = (parents + capacity - 1) / capacity;
        var principals = await SeedAsync(factory, parents, sessions, capacity);
        var book = app.Services.GetRequiredService<BookSessionHandler>();
        var sessionIds = await SessionIdsAsync(factory);

        // Warm up: EF model, the connection pool and the SQL, outside the timing.
        for (var i = 0; i < 20; i++)
        {
            await book.HandleAsync(principals[i], sessionIds[i % sessionIds.Count], null, joinWaitingListIfFull: false);
        }

        var next = 20;
        var booked = 0;
        var full = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next) - 1) < principals.Length)
            {
                // Everyone crowds the sessions in order, so many bookings race for the same seats.
                var result = await book.HandleAsync(principals[n], sessionIds[n / capacity % sessionIds.Count], null, joinWaitingListIfFull: false);
                if (result.Outcome == BookOutcome.Booked)
                {
                    Interlocked.Increment(ref booked);
                }
                else
                {
                    Interlocked.Increment(ref full);
                }
            }
        })));
        clock.Stop();

        await using (var db = await factory.CreateDbContextAsync())
        {
            var overbooked = await db.InformationSessions.CountAsync(s => s.SeatsTaken > s.Capacity);
            var rows = await db.SessionBookings.CountAsync(b => b.Status == BookingStatus.Booked);
            var seats = await db.InformationSessions.SumAsync(s => s.SeatsTaken);
            var messages = await db.OutboxMessages.CountAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(postgres is null ? "SQLite" : "PostgreSQL")}: {booked + full} booking attempts by {workers} parallel workers in {clock.Elapsed.TotalSeconds:F2} s: {(booked + full) / clock.Elapsed.TotalSeconds:F0} per second ({booked} booked, {full} told the session was full)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Check: {rows} booked rows = {seats} seats taken; sessions overbooked: {overbooked}; outbox messages: {messages}"));
            if (overbooked > 0 || rows != seats)
            {
                Console.Error.WriteLine("Seats and bookings disagree: the benchmark found a bug.");
                return 1;
            }

            if (postgres is not null)
            {
                await db.Database.EnsureDeletedAsync();
            }
        }

        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<ClaimsPrincipal[]> SeedAsync(IDbContextFactory<PortalDbContext> factory, int parents, int sessions, int capacity)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var host = new StaffMember { Subject = "bench-host", DisplayName = "Bench Host", Roles = [new StaffRole { Role = PortalRoles.Adviser }] };
        db.StaffMembers.Add(host);
        await db.SaveChangesAsync();
        for (var s = 0; s < sessions; s++)
        {
            var start = now.AddDays(7 + s % 30).AddHours(s % 5);
            db.InformationSessions.Add(new InformationSession
            {
                Title = "Mediation Information and Awareness Session",
                CalendarUid = $"{Guid.NewGuid():N}@parentportal",
                StartsAt = start,
                EndsAt = start.AddHours(1),
                Format = SessionFormat.Online,
                MeetingLink = "https://meet.example.org/mias-" + s.ToString(CultureInfo.InvariantCulture),
                Capacity = capacity,
                Language = "English",
                HostId = host.Id,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        var principals = new ClaimsPrincipal[parents];
        for (var i = 0; i < parents; i++)
        {
            var subject = "bench-parent-" + i.ToString(CultureInfo.InvariantCulture);
            db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = subject, DisplayName = "Parent " + i.ToString(CultureInfo.InvariantCulture), Email = subject + "@example.com", FirstSignedInAt = now, LastSignedInAt = now });
            principals[i] = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject), new Claim("name", "Parent")], "bench", "name", PortalRoles.ClaimType));
        }

        await db.SaveChangesAsync();
        return principals;
    }

    private static async Task<List<int>> SessionIdsAsync(IDbContextFactory<PortalDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.InformationSessions.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
    }
}
