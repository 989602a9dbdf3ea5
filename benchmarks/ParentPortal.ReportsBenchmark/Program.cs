using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ParentPortal.Data;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Reports;
using ParentPortal.Platform;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Hosting.Seeding;
using ParentPortal.Platform.Identity;
// Load timings for the managers' reports: seeds generated volumes into a new, temporary database (SQLite
// by default, or PostgreSQL with --postgres), then times ReportsQuery and the CSV for three periods.
// Usage (see README, "Benchmarks"):
//   dotnet run -c Release --project benchmarks/ParentPortal.ReportsBenchmark -- [--cases 400] [--calls 3000] [--runs 20] [--postgres "<admin connection string>"]
var options = Options.Parse(args);
var invariant = CultureInfo.InvariantCulture;
await using var database = options.PostgresAdmin is { } admin ? await BenchDatabase.PostgresAsync(admin) : BenchDatabase.Sqlite();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Portal"] = database.ConnectionString,
    ["Database:Provider"] = database.Provider,
    ["Database:SeedDemoData"] = "true",
    ["Service:Name"] = "Benchmark Mediation Service",
    ["Service:LocalAuthorities:0:Code"] = "herts",
    ["Service:LocalAuthorities:0:Name"] = "Hertfordshire",
    ["Service:LocalAuthorities:1:Code"] = "beds",
    ["Service:LocalAuthorities:1:Name"] = "Bedford Borough",
    ["Service:LocalAuthorities:2:Code"] = "essex",
    ["Service:LocalAuthorities:2:Name"] = "Essex",
});
// A fixed "now" keeps the generated data, and so the figures, the same run after run.
var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
builder.Services.AddSingleton<TimeProvider>(new FixedClock(now));
builder.AddPortalData();
builder.AddPortalPlatform();
builder.AddPortalReports();
builder.AddPortalCases();
builder.AddPortalAdvisers();
await using var app = builder.Build();

var clock = Stopwatch.StartNew();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
var migrated = clock.Elapsed;
clock.Restart();
await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
{
    await VolumeData.SeedAsync(db, now, new VolumeSize(options.Cases, options.Calls), CancellationToken.None);
}

var seeded = clock.Elapsed;
Console.WriteLine($"Reports benchmark: {database.Provider}, {options.Cases:N0} cases and {options.Calls:N0} calls over 24 months, {options.Runs} timed runs after 2 warm-ups");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {RuntimeConfiguration()} build, {Environment.OSVersion}");
Console.WriteLine($"Migrate and seed the service: {migrated.TotalMilliseconds:N0} ms; generate and save the volumes (one SaveChanges): {seeded.TotalMilliseconds:N0} ms");
Console.WriteLine();
Console.WriteLine($"{"Period",-28} {"What",-22} {"min ms",8} {"median",8} {"p95",8} {"max",8}   figures");

var manager = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "demo-manager"), new Claim(PortalRoles.ClaimType, PortalRoles.Manager)], "benchmark", "name", PortalRoles.ClaimType));
var reports = app.Services.GetRequiredService<ReportsQuery>();
var today = UkDates.DateIn(now);
(string Name, ReportPeriod Period)[] periods =
[
    ("Last 12 months (default)", ReportPeriod.Default(today)),
    ("All 24 months", ReportPeriod.Create(today.AddMonths(-24), today)),
    ("5 years (the most allowed)", ReportPeriod.Create(today.AddYears(-5).AddDays(1), today)),
];
foreach (var (name, period) in periods)
{
    Report? report = null;
    var query = await TimeAsync(options.Runs, async () => report = await reports.HandleAsync(manager, period));
    Print(name, "ReportsQuery", query, $"{report!.Calls.Total:N0} calls, {report.Cases.Total:N0} cases");
    byte[] csv = [];
    var export = await TimeAsync(options.Runs, () =>
    {
        csv = ReportCsv.ToBytes(report);
        return Task.CompletedTask;
    });
    Print("", "CSV from the report", export, $"{csv.Length:N0} bytes");
}

// The adviser's case queue: every open case with its statutory clocks, most urgent first (the page shows 50 a page).
var adviser = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "demo-adviser"), new Claim(PortalRoles.ClaimType, PortalRoles.Adviser)], "benchmark", "name", PortalRoles.ClaimType));
var queue = app.Services.GetRequiredService<CaseQueueQuery>();
foreach (var (name, filter) in new (string, CaseQueueFilter)[] { ("Open cases", new CaseQueueFilter()), ("Every case, closed too", new CaseQueueFilter(IncludeClosed: true)) })
{
    CaseQueueView? view = null;
    var timing = await TimeAsync(options.Runs, async () => view = await queue.HandleAsync(adviser, filter));
    Print(name, "CaseQueueQuery", timing, $"{view!.Rows.Count:N0} cases, {view.Rows.Count(r => r.Overdue):N0} overdue");
}

static async Task<List<double>> TimeAsync(int runs, Func<Task> action)
{
    for (var i = 0; i < 2; i++)
    {
        await action();
    }

    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times;
}

void Print(string period, string what, List<double> sorted, string figures)
{
    var p95 = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)];
    Console.WriteLine(string.Create(invariant, $"{period,-28} {what,-22} {sorted[0],8:F1} {sorted[sorted.Count / 2],8:F1} {p95,8:F1} {sorted[^1],8:F1}   {figures}"));
}

static string RuntimeConfiguration() =>
    typeof(ReportsQuery).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
        .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "unknown";

internal sealed record Options(int Cases, int Calls, int Runs, string? PostgresAdmin)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        int Number(string key, int fallback) => values.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new Options(Number("--cases", 400), Number("--calls", 3000), Number("--runs", 20), values.GetValueOrDefault("--postgres"));
    }
}

/// <summary>A new database for one run, removed afterwards.</summary>
internal sealed class BenchDatabase(string provider, string connectionString, Func<ValueTask> drop) : IAsyncDisposable
{
    public string Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public static BenchDatabase Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "parentportal-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new BenchDatabase("Sqlite", $"Data Source={Path.Combine(directory, "portal.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    public static async Task<BenchDatabase> PostgresAsync(string adminConnectionString)
    {
        var name = "pp_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
        return new BenchDatabase("Postgres", connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var dropCommand = connection.CreateCommand();
            dropCommand.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await dropCommand.ExecuteNonQueryAsync();
        });
    }

    public ValueTask DisposeAsync() => drop();
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
