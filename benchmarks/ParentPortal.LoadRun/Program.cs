using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.LoadRun;

// The load run: many signed-in parents walking the SEN route at once in real browsers (one Chromium, a context each)
// against one portal instance (this configuration's build, normally Release), with step latencies, memory per circuit
// and errors. Not part of ./test.sh; see docs/load-run.md.
//
//   --parents N        parents at once (default 30)
//   --think-ms T       about how long each parent pauses before each click, 0.5T to 1.5T (default 0: as fast as the browser allows)
//   --postgres CONN    PostgreSQL server (a new database is created and dropped), instead of a new SQLite file
//   --out FILE         also write the report there (default artifacts/load-run/<time>.md)
//   --http             families over plain HTTP (a cookie jar each, posting the forms) instead of browsers: measures the server
//   --staff N          instead of parents, N adviser tabs on the console and the case list: memory per staff circuit
var options = Options.Parse(args);
var root = FindRoot();
var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
var portalDll = Path.Combine(root, "ParentPortal", "bin", configuration, "net10.0", "ParentPortal.dll");
var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "parentportal-loadrun-" + Guid.NewGuid().ToString("N"))).FullName;
var databaseName = "pp_loadrun_" + Guid.NewGuid().ToString("N")[..12];
var connectionString = options.Postgres is null
    ? $"Data Source={Path.Combine(work, "portal.db")}"
    : new Npgsql.NpgsqlConnectionStringBuilder(options.Postgres) { Database = databaseName }.ConnectionString;
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

Console.WriteLine("Watching the machine for 10 s before starting...");
var quietness = await Machine.QuietnessAsync(TimeSpan.FromSeconds(10));
var settings = new Dictionary<string, string>
{
    // Development: the built-in sign-in provider runs only there or in Testing, and Development serves the static
    // files from the build output. The build itself is this configuration's (Release for the documented run).
    ["ASPNETCORE_ENVIRONMENT"] = "Development",
    ["Database:Provider"] = options.Postgres is null ? "Sqlite" : "Postgres",
    ["ConnectionStrings:Portal"] = connectionString,
    ["Database:SeedVolumes"] = "false",
    ["Messaging:Folder"] = Path.Combine(work, "outbox"),
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    // Every browser here comes from 127.0.0.1: the per-address sign-in limit would count them all as one visitor.
    ["RateLimits:SignInPerMinute"] = "100000",
    // --staff opens many tabs as one adviser: the per-person tab limit would send the eleventh to the explanation.
    ["Circuits:MaxPerUser"] = "100000",
};
for (var i = 0; i <= options.Parents; i++)
{
    // Accounts after the seven demo ones in appsettings.Development.json; number 0 is the warm-up parent.
    var index = 7 + i;
    settings[$"DevIdentityProvider:Accounts:{index}:Subject"] = Parent.SubjectFor(i);
    settings[$"DevIdentityProvider:Accounts:{index}:Name"] = Parent.NameFor(i);
    settings[$"DevIdentityProvider:Accounts:{index}:Email"] = $"{Parent.SubjectFor(i)}@example.com";
    settings[$"DevIdentityProvider:Accounts:{index}:Description"] = "Load run parent";
}

if (!File.Exists(portalDll))
{
    Console.Error.WriteLine($"{portalDll} is missing: run this project with -c {configuration} (it builds the portal too).");
    return 2;
}

Console.WriteLine($"Starting the portal ({configuration}, {settings["Database:Provider"]})...");
// Declared before the portal, so it is dropped after the portal has stopped, however the run ends.
await using var temporaryDatabase = options.Postgres is null ? null : new TemporaryPostgresDatabase(options.Postgres, databaseName);
await using var portal = await PortalInstance.StartAsync(portalDll, Path.Combine(root, "ParentPortal"), FreePort(), settings);
if (options.Http)
{
    return await HttpRunAsync();
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", "--lang=en-GB",
    ],
});

if (options.Staff > 0)
{
    var staffReport = await StaffCircuits.RunAsync(browser, portal, options.Staff, $"{Machine.Describe()}; Chromium {browser.Version}", quietness);
    Console.WriteLine(staffReport);
    var staffOut = options.Output ?? Path.Combine(root, "artifacts", "load-run", $"staff-{DateTimeOffset.Now:yyyyMMdd-HHmmss}.md");
    Directory.CreateDirectory(Path.GetDirectoryName(staffOut)!);
    await File.WriteAllTextAsync(staffOut, staffReport);
    return 0;
}

// Warm-up: one parent walks the whole route (JIT, caches, connection pool), then leaves.
Console.WriteLine("Warm-up parent...");
var warmUp = await Parent.OpenAsync(browser, portal.BaseAddress, 0);
await warmUp.SignInAndStartAsync();
await warmUp.WalkAsync(TimeSpan.Zero);
await warmUp.CloseAsync();
if (warmUp.Errors.Count > 0)
{
    Console.Error.WriteLine("The warm-up parent failed:\n" + string.Join('\n', warmUp.Errors) + "\n" + portal.Output);
    return 1;
}

await Task.Delay(TimeSpan.FromSeconds(3));
var baseline = await portal.MeasureAsync();

// Open phase: every parent signs in and starts an application (four at a time), leaving one circuit each open.
Console.WriteLine($"Opening {options.Parents} parents...");
var parents = new List<Parent>();
var openClock = Stopwatch.StartNew();
using (var gate = new SemaphoreSlim(4))
{
    var opening = Enumerable.Range(1, options.Parents).Select(async n =>
    {
        await gate.WaitAsync();
        try
        {
            var parent = await Parent.OpenAsync(browser, portal.BaseAddress, n);
            await parent.SignInAndStartAsync();
            return parent;
        }
        finally
        {
            gate.Release();
        }
    });
    parents.AddRange(await Task.WhenAll(opening));
}

openClock.Stop();
await Task.Delay(TimeSpan.FromSeconds(3));
var open = await portal.MeasureAsync();

// Walk phase: everyone at once, every step timed.
Console.WriteLine($"{options.Parents} parents walking the SEN route...");
var cpuBefore = Machine.CpuJiffies();
var processesBefore = Machine.Processes();
var portalCpuBefore = portal.CpuTime();
var walkClock = Stopwatch.StartNew();
await Task.WhenAll(parents.Select(p => p.WalkAsync(options.Think)));
walkClock.Stop();
var portalCpu = portal.CpuTime() - portalCpuBefore;
var machineBusy = Machine.BusyPercent(cpuBefore, Machine.CpuJiffies());
var processesAfter = Machine.Processes();
var others = Machine.Busiest(processesBefore, processesAfter, walkClock.Elapsed, Machine.OwnTree(processesAfter));
var loadAfter = Machine.LoadAverage();
var walked = await portal.MeasureAsync();

foreach (var parent in parents)
{
    await parent.CloseAsync();
}

await Task.Delay(TimeSpan.FromSeconds(5));
var closed = await portal.MeasureAsync();

var submitted = await SubmittedAsync(options.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, connectionString);
var errors = parents.SelectMany(p => p.Errors).ToList();
var references = parents.Select(p => p.Reference).OfType<string>().Distinct().Count();
if (submitted != options.Parents + 1)
{
    errors.Add($"{submitted} applications submitted in the database, expected {options.Parents + 1} (the warm-up's included)");
}

if (references != options.Parents)
{
    errors.Add($"{references} distinct references shown, expected {options.Parents}");
}

var timings = parents.SelectMany(p => p.Timings).ToList();
var chromium = browser.Version;
var database = options.Postgres is null ? "SQLite (a new file on the local disk, WAL)" : "PostgreSQL on this machine (a new database)";
Line($"## Load run, {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}");
Line("");
Line($"- Machine: {Machine.Describe()}; Chromium {chromium}");
Line($"- The machine before the run: {quietness}");
Line($"- Portal: {configuration} build, one instance, {database}; {options.Parents} parents (one Chromium, a browser context each), think time {options.Think.TotalMilliseconds:F0} ms");
Line(Invariant($"- Walk: {timings.Count} timed steps in {walkClock.Elapsed.TotalSeconds:F1} s ({timings.Count / walkClock.Elapsed.TotalSeconds:F1} steps per second); cores {machineBusy:F0}% busy, the portal used {100.0 * portalCpu.TotalSeconds / walkClock.Elapsed.TotalSeconds / Environment.ProcessorCount:F0}% of them (Chromium and the run most of the rest); load average after: {loadAfter}"));
Line($"- Other processes during the walk: {others}");
Line(Invariant($"- Opening: {options.Parents} sign-ins and starts, four at a time, in {openClock.Elapsed.TotalSeconds:F1} s"));
Line("");
Line("Step latency, from the click to the next page being interactive (ms):");
Line("");
Line("| Step | n | p50 | p95 | max |");
Line("|---|---|---|---|---|");
Line(Row("all steps", timings.Select(t => t.Milliseconds).ToList()));
foreach (var group in timings.GroupBy(t => t.Step))
{
    Line(Row(group.Key, group.Select(t => t.Milliseconds).ToList()));
}

Line("");
Line("Memory of the portal process after full compacting collections (MB), and per open circuit (KB):");
Line("");
Line("| | Managed heap (live) | GC heap committed | Working set |");
Line("|---|---|---|---|");
Line(MemoryRow("after warm-up, no circuits", baseline));
Line(MemoryRow($"{options.Parents} circuits open, on the first question", open));
Line(MemoryRow($"{options.Parents} circuits open, applications sent", walked));
Line(MemoryRow("all tabs closed", closed));
Line(Invariant($"| **per circuit** (open minus warm-up, / {options.Parents}) | **{Kb(open.Live - baseline.Live)}** | {Kb(open.Committed - baseline.Committed)} | {Kb(open.WorkingSet - baseline.WorkingSet)} |"));
Line(Invariant($"| per circuit after sending | {Kb(walked.Live - baseline.Live)} | {Kb(walked.Committed - baseline.Committed)} | {Kb(walked.WorkingSet - baseline.WorkingSet)} |"));
Line("");
Line($"Errors: {errors.Count}{(errors.Count == 0 ? "" : "\n" + string.Join('\n', errors.Take(30).Select(e => "- " + e)))}");
Line($"Applications submitted: {submitted} (every parent's, and the warm-up's), {references} distinct references shown.");

var output = options.Output ?? Path.Combine(root, "artifacts", "load-run", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".md");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.ToString());
// Every timed step, for checking the summary or plotting: parent number, step, milliseconds.
var raw = Path.ChangeExtension(output, ".csv");
await File.WriteAllLinesAsync(raw, parents.SelectMany(p => p.Timings.Select(t => Invariant($"{p.Number},{t.Step},{t.Milliseconds:F1}"))).Prepend("parent,step,ms"));
Console.WriteLine("Report written to " + output + " (every step's time in " + raw + ")");
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
try
{
    Directory.Delete(work, recursive: true);
}
catch (IOException)
{
    // The portal's files are still being released; the temp folder is cleaned by the OS.
}

return errors.Count == 0 ? 0 : 1;

// The HTTP run: N families over plain HTTP, each signing in, starting, thinking and posting every page's form.
async Task<int> HttpRunAsync()
{
    Console.WriteLine("Warm-up family...");
    using (var warm = HttpFamily.Create(portal.BaseAddress, 0))
    {
        await warm.SignInAndStartAsync();
        await warm.WalkAsync(TimeSpan.Zero);
        if (warm.Errors.Count > 0)
        {
            Console.Error.WriteLine("The warm-up family failed:\n" + string.Join('\n', warm.Errors) + "\n" + portal.Output);
            return 1;
        }
    }

    var httpBaseline = await portal.MeasureAsync();
    Console.WriteLine($"Signing in {options.Parents} families...");
    var families = Enumerable.Range(1, options.Parents).Select(n => HttpFamily.Create(portal.BaseAddress, n)).ToList();
    var signInClock = Stopwatch.StartNew();
    var signInCpuBefore = portal.CpuTime();
    using (var gate = new SemaphoreSlim(16))
    {
        await Task.WhenAll(families.Select(async f =>
        {
            await gate.WaitAsync();
            try
            {
                await f.SignInAndStartAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    signInClock.Stop();
    var signInCpu = portal.CpuTime() - signInCpuBefore;
    var httpOpen = await portal.MeasureAsync();

    Console.WriteLine($"{options.Parents} families walking the SEN route...");
    var cpuBefore = Machine.CpuJiffies();
    var processesBefore = Machine.Processes();
    var portalCpuBefore = portal.CpuTime();
    var walkClock = Stopwatch.StartNew();
    await Task.WhenAll(families.Select(f => f.WalkAsync(options.Think)));
    walkClock.Stop();
    var portalCpu = portal.CpuTime() - portalCpuBefore;
    var machineBusy = Machine.BusyPercent(cpuBefore, Machine.CpuJiffies());
    var processesAfter = Machine.Processes();
    var others = Machine.Busiest(processesBefore, processesAfter, walkClock.Elapsed, Machine.OwnTree(processesAfter));
    var loadAfter = Machine.LoadAverage();
    var walked = await portal.MeasureAsync();

    var submitted = await SubmittedAsync(options.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, connectionString);
    var errors = families.SelectMany(f => f.Errors).ToList();
    var references = families.Select(f => f.Reference).OfType<string>().Distinct().Count();
    if (submitted != options.Parents + 1)
    {
        errors.Add($"{submitted} applications submitted in the database, expected {options.Parents + 1} (the warm-up's included)");
    }

    if (references != options.Parents)
    {
        errors.Add($"{references} distinct references shown, expected {options.Parents}");
    }

    var timings = families.SelectMany(f => f.Timings).ToList();
    var database = options.Postgres is null ? "SQLite (a new file on the local disk, WAL)" : "PostgreSQL on this machine (a new database)";
    Line($"## HTTP load run, {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}");
    Line("");
    Line($"- Machine: {Machine.Describe()}");
    Line($"- The machine before the run: {quietness}");
    Line($"- Portal: {configuration} build, one instance, {database}; {options.Parents} families over HTTP (a cookie jar each, no browser), think time {options.Think.TotalMilliseconds:F0} ms (0.5 to 1.5 times that before each post)");
    Line(Invariant($"- Sign-in and Start: {options.Parents} families, 16 at a time, in {signInClock.Elapsed.TotalSeconds:F1} s; the portal's CPU {signInCpu.TotalMilliseconds / options.Parents:F1} ms per family (the OpenID Connect round trip, the provider's token signing included)"));
    Line(Invariant($"- Walk: {timings.Count} steps (a post and the redirected page's GET) in {walkClock.Elapsed.TotalSeconds:F1} s ({timings.Count / walkClock.Elapsed.TotalSeconds:F1} steps per second); cores {machineBusy:F0}% busy, the portal {100.0 * portalCpu.TotalSeconds / walkClock.Elapsed.TotalSeconds / Environment.ProcessorCount:F0}% of them; load average after: {loadAfter}"));
    Line(Invariant($"- **Server CPU per step: {portalCpu.TotalMilliseconds / Math.Max(1, timings.Count):F2} ms** (the portal process's user + system CPU time over the walk, / steps)"));
    Line($"- Other processes during the walk: {others}");
    Line("");
    Line("Step latency, from sending the post to having the next page's HTML (ms):");
    Line("");
    Line("| Step | n | p50 | p95 | p99 | max |");
    Line("|---|---|---|---|---|---|");
    Line(Row99("all steps", timings.Select(t => t.Milliseconds).ToList()));
    foreach (var group in timings.GroupBy(t => t.Step))
    {
        Line(Row99(group.Key, group.Select(t => t.Milliseconds).ToList()));
    }

    Line("");
    Line("Memory of the portal process after full compacting collections (MB), and per family (KB):");
    Line("");
    Line("| | Managed heap (live) | GC heap committed | Working set |");
    Line("|---|---|---|---|");
    Line(MemoryRow("after warm-up", httpBaseline));
    Line(MemoryRow($"{options.Parents} families signed in, on the first question", httpOpen));
    Line(MemoryRow($"{options.Parents} families, applications sent", walked));
    Line(Invariant($"| **per family** (signed in minus warm-up, / {options.Parents}) | **{Kb(httpOpen.Live - httpBaseline.Live)}** | {Kb(httpOpen.Committed - httpBaseline.Committed)} | {Kb(httpOpen.WorkingSet - httpBaseline.WorkingSet)} |"));
    Line("");
    Line($"Errors: {errors.Count}{(errors.Count == 0 ? "" : "\n" + string.Join('\n', errors.Take(30).Select(e => "- " + e)))}");
    Line($"Applications submitted: {submitted} (every family's, and the warm-up's), {references} distinct references shown.");

    if (errors.Count > 0)
    {
        // What the portal logged (warnings and errors), for finding out why.
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "parentportal-loadrun-portal.log"), portal.Output);
        Console.WriteLine("The portal's last log lines: " + Path.Combine(Path.GetTempPath(), "parentportal-loadrun-portal.log"));
    }

    var httpOutput = options.Output ?? Path.Combine(root, "artifacts", "load-run", "http-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".md");
    Directory.CreateDirectory(Path.GetDirectoryName(httpOutput)!);
    await File.WriteAllTextAsync(httpOutput, report.ToString());
    await File.WriteAllLinesAsync(Path.ChangeExtension(httpOutput, ".csv"), families.SelectMany(f => f.Timings.Select(t => Invariant($"{f.Number},{t.Step},{t.Milliseconds:F1}"))).Prepend("family,step,ms"));
    Console.WriteLine("Report written to " + httpOutput);
    foreach (var family in families)
    {
        family.Dispose();
    }

    return errors.Count == 0 ? 0 : 1;
}

string Row99(string name, List<double> values)
{
    values.Sort();
    return values.Count == 0
        ? $"| {name} | 0 | | | | |"
        : Invariant($"| {name} | {values.Count} | {Percentile(values, 50):F0} | {Percentile(values, 95):F0} | {Percentile(values, 99):F0} | {values[^1]:F0} |");
}

string Row(string name, List<double> values)
{
    values.Sort();
    return Invariant($"| {name} | {values.Count} | {Percentile(values, 50):F0} | {Percentile(values, 95):F0} | {values[^1]:F0} |");
}

string MemoryRow(string name, MemorySample sample) =>
    Invariant($"| {name} | {Mb(sample.Live)} | {Mb(sample.Committed)} | {Mb(sample.WorkingSet)} |");

string Mb(long bytes) => Invariant($"{bytes / 1024.0 / 1024.0:F1}");

string Kb(long bytes) => Invariant($"{bytes / 1024.0 / options.Parents:F0}");

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

// Nearest-rank percentile of sorted values.
static double Percentile(List<double> sorted, int percent) => sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ParentPortal.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Cannot find ParentPortal.sln above " + AppContext.BaseDirectory);
}

static async Task<int> SubmittedAsync(DatabaseProvider provider, string connectionString)
{
    await using PortalDbContext db = provider == DatabaseProvider.Postgres
        ? new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(connectionString).Options)
        : new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connectionString).Options);
    return await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Submitted);
}

/// <summary>The run's own PostgreSQL database (the portal creates it when it migrates), dropped when the run ends.</summary>
internal sealed class TemporaryPostgresDatabase(string server, string name) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        // Dropped from the database named in --postgres, or from the server's "postgres" database when none is named
        // (Npgsql would otherwise connect to one named after the user).
        var maintenance = new Npgsql.NpgsqlConnectionStringBuilder(server);
        maintenance.Database ??= "postgres";
        await using var connection = new Npgsql.NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}

internal sealed record Options(int Parents, TimeSpan Think, string? Postgres, string? Output, bool Http, int Staff = 0)
{
    public static Options Parse(string[] args)
    {
        var parents = 30;
        var think = TimeSpan.Zero;
        string? postgres = null;
        string? output = null;
        var http = false;
        var staff = 0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--http")
            {
                http = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--parents":
                    parents = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--think-ms":
                    think = TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--postgres":
                    postgres = value;
                    break;
                case "--out":
                    output = Path.GetFullPath(value);
                    break;
                case "--staff":
                    staff = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException("Unknown option " + args[i] + ". Options: --parents N, --think-ms T, --postgres CONN, --out FILE, --http, --staff N");
            }

            i++;
        }

        return parents < 1 ? throw new ArgumentException("--parents must be at least 1") : new Options(parents, think, postgres, output, http, staff);
    }
}
