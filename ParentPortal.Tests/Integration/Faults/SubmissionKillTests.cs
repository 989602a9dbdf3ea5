using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ParentPortal.Tests.TestSupport;
using Xunit.Abstractions;

namespace ParentPortal.Tests.Integration.Faults;

/// <summary>
/// The portal's submission handlers in a separate process (ParentPortal.Tests.SubmissionDriver) on one SQLite
/// file, killed with SIGKILL at random points again and again, then started once more to finish what was left.
/// Nothing a parent was told had been sent may be lost, nothing may be sent twice, and the file must stay sound.
/// A failure names its seed: set PORTAL_KILL_SEED to that number to repeat the same kills.
/// </summary>
public sealed class SubmissionKillTests(ITestOutputHelper output)
{
    private const int Kills = 16;

    private static readonly TimeSpan StartUpLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KilledAtRandomPoints_LosesNoConfirmedApplication_SendsNoneTwice_AndTheDatabaseStaysSound()
    {
        var seed = Environment.GetEnvironmentVariable("PORTAL_KILL_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var random = new Random(seed);
        var runs = new List<string>();
        string Context() => $"seed {seed} (PORTAL_KILL_SEED={seed} repeats it); runs: {string.Join(" | ", runs)}";
        output.WriteLine($"seed {seed}");

        await using var database = new SqliteTestDatabase();
        var confirmed = new Dictionary<Guid, string>();
        var resubmissions = new List<(Guid Id, string Reference)>();
        var resumed = 0;
        var killedMidApplication = 0;
        var clock = Stopwatch.StartNew();

        for (var run = 1; run <= Kills; run++)
        {
            using var driver = DriverProcess.Start("submit", database.FilePath);
            string where;
            int delay;
            if (run % 5 == 0)
            {
                // Anywhere in start-up: the runtime loading, migrations, seeding.
                delay = random.Next(100, 2000);
                where = $"{delay} ms after start";
            }
            else
            {
                // Once it is up (finishing drafts left by the last kill, then new applications), or once it has
                // sent one and everything is warm: the kill then falls among saves and submissions at full speed.
                var warm = run % 5 >= 3;
                Assert.True(
                    await driver.WaitForLineAsync(line => warm ? line.StartsWith("confirmed ", StringComparison.Ordinal) : line == "ready", StartUpLimit),
                    $"Run {run} did not get {(warm ? "an application sent" : "started")} within {StartUpLimit.TotalSeconds} s of the kill before it (exit code {driver.ExitCode}) {driver.Errors} {Context()}");
                delay = random.Next(0, warm ? 1000 : 1500);
                where = $"{delay} ms after {(warm ? "its first confirmation" : "ready")}";
            }

            Assert.False(await driver.ExitsWithinAsync(TimeSpan.FromMilliseconds(delay)), $"Run {run} ended by itself ({driver.ExitCode}): {driver.Errors} {Context()}");
            await driver.KillAsync();
            var lines = driver.Lines;
            var lastLine = lines.Count > 0 ? lines[^1] : null;
            runs.Add($"{run}: killed {where}, {lines.Count} lines, last '{Kind(lastLine)}'");
            if (Kind(lastLine) is "started" or "resumed")
            {
                killedMidApplication++;
            }

            Record(lines, confirmed, resubmissions, ref resumed, Context);
        }

        await using (var afterKills = await OpenAsync(database))
        {
            AssertSound(afterKills, "after the last kill", Context());
        }

        // One more start, left to finish: it completes every draft the kills left and sends one more.
        using (var last = DriverProcess.Start("submit", database.FilePath, "1"))
        {
            Assert.True(await last.ExitsWithinAsync(TimeSpan.FromSeconds(60)), $"The run after the last kill did not finish. {last.Errors} {Context()}");
            Assert.True(last.ExitCode == 0, $"The run after the last kill failed ({last.ExitCode}): {last.Errors} {Context()}");
            Record(last.Lines, confirmed, resubmissions, ref resumed, Context);
        }

        await using var db = await OpenAsync(database);
        AssertSound(db, "at the end", Context());
        var applications = Query(db, """SELECT "Id", "Status", "Reference", "OwnerId" FROM "Applications" """)
            .Select(r => (Id: Guid.Parse(r[0]!), Status: r[1], Reference: r[2], Owner: r[3]))
            .ToDictionary(a => a.Id);

        foreach (var (id, reference) in confirmed)
        {
            Assert.True(applications.TryGetValue(id, out var stored), $"Confirmed application {id} ({reference}) is not in the database. {Context()}");
            Assert.True(stored.Status == "Submitted" && stored.Reference == reference, $"Confirmed application {id} ({reference}) is stored as {stored.Status} {stored.Reference}. {Context()}");
        }

        foreach (var (id, reference) in resubmissions)
        {
            Assert.True(applications[id].Reference == reference, $"Submitting {id} again gave {reference}, but it is stored as {applications[id].Reference}. {Context()}");
        }

        Assert.All(applications.Values, a => Assert.True(a.Status == "Submitted" && a.Reference is not null, $"{a.Id} was left as {a.Status} after the final run. {Context()}"));
        var references = applications.Values.Select(a => a.Reference).ToList();
        Assert.True(references.Count == references.Distinct().Count(), $"A reference was given twice. {Context()}");
        var twiceOwned = applications.Values.GroupBy(a => a.Owner).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twiceOwned.Count == 0, $"{twiceOwned.Count} parents have more than one application: a start was repeated. {Context()}");
        var parents = Query(db, """SELECT COUNT(*) FROM "Users" WHERE "Subject" LIKE 'kill-parent-%'""").Single()[0];
        Assert.Equal(applications.Count.ToString(CultureInfo.InvariantCulture), parents);

        // The confirmation e-mail is written in the submission's own transaction: exactly one per application sent, none for anything else.
        var messages = Query(db, """SELECT "CorrelationKey", COUNT(*) FROM "OutboxMessages" WHERE "Kind" = 'application-submitted' GROUP BY "CorrelationKey" """)
            .ToDictionary(r => r[0]!, r => r[1]);
        Assert.True(messages.Values.All(c => c == "1"), $"An application has more than one confirmation message. {Context()}");
        Assert.True(
            messages.Keys.ToHashSet().SetEquals(applications.Keys.Select(id => "application-submitted:" + id)),
            $"{messages.Count} confirmation messages for {applications.Count} applications sent. {Context()}");

        // The faults really happened where they matter: kills in the middle of applications, whose drafts a later start finished.
        Assert.True(confirmed.Count >= 6, $"Only {confirmed.Count} applications were confirmed. {Context()}");
        Assert.True(killedMidApplication > 0 && resumed > 0, $"No kill landed inside an application ({killedMidApplication}, {resumed} resumed). {Context()}");
        output.WriteLine($"{Kills} kills in {clock.Elapsed.TotalSeconds:0.0} s: {confirmed.Count} confirmed, {applications.Count} sent ({applications.Count - confirmed.Count} killed between the commit and the confirmation), {resumed} drafts finished after a kill, {resubmissions.Count} repeat submissions.");
        output.WriteLine(string.Join(Environment.NewLine, runs));
    }

    [Fact]
    public async Task AStartKilledWhileHoldingEfCoresMigrationLock_DoesNotStopTheNextStart()
    {
        await using var database = new SqliteTestDatabase();
        using (var first = DriverProcess.Start("submit", database.FilePath, "1"))
        {
            Assert.True(await first.ExitsWithinAsync(TimeSpan.FromSeconds(60)) && first.ExitCode == 0, $"The first run failed: {first.Errors}");
        }

        // What EF Core's SQLite migrator leaves behind when it is killed between taking its lock and letting it go.
        await using (var db = await OpenAsync(database))
        {
            await using var command = db.CreateCommand();
            command.CommandText = """INSERT INTO "__EFMigrationsLock"("Id", "Timestamp") VALUES(1, '2026-11-20 10:00:00+00:00')""";
            await command.ExecuteNonQueryAsync();
        }

        using var next = DriverProcess.Start("submit", database.FilePath, "1");
        Assert.True(
            await next.WaitForLineAsync(line => line.StartsWith("confirmed ", StringComparison.Ordinal), StartUpLimit),
            $"The portal did not start on a database whose last start-up was killed while migrating (exit code {next.ExitCode}) {next.Errors}");
        Assert.True(await next.ExitsWithinAsync(StartUpLimit) && next.ExitCode == 0, next.Errors);
    }

    private static void Record(IReadOnlyList<string> lines, Dictionary<Guid, string> confirmed, List<(Guid, string)> resubmissions, ref int resumed, Func<string> context)
    {
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "confirmed":
                    var id = Guid.Parse(parts[1]);
                    Assert.False(confirmed.ContainsKey(id), $"Application {id} was confirmed twice. {context()}");
                    confirmed[id] = parts[2];
                    break;
                case "resubmitted":
                    resubmissions.Add((Guid.Parse(parts[1]), parts[2]));
                    break;
                case "resumed":
                    resumed++;
                    break;
                case "ready" or "started":
                    break;
                default:
                    Assert.Fail($"Unexpected output '{line}'. {context()}");
                    break;
            }
        }
    }

    private static string Kind(string? line) => line?.Split(' ')[0] ?? "(nothing)";

    private static async Task<SqliteConnection> OpenAsync(SqliteTestDatabase database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static void AssertSound(SqliteConnection db, string when, string context)
    {
        var integrity = Query(db, "PRAGMA integrity_check;").Select(r => r[0]).ToList();
        Assert.True(integrity is ["ok"], $"integrity_check {when}: {string.Join("; ", integrity)}. {context}");
        var foreignKeys = Query(db, "PRAGMA foreign_key_check;");
        Assert.True(foreignKeys.Count == 0, $"foreign_key_check {when}: {foreignKeys.Count} rows. {context}");
    }

    private static List<string?[]> Query(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }
}
