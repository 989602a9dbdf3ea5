using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Platform;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.Domain.Triage;

// The protocol on standard output, one line each, written and flushed only once the thing has happened:
//   ready                        the database is migrated and seeded
//   resumed <id>                 a draft left by a killed run is being finished
//   started <id>                 a new draft exists
//   confirmed <id> <reference>   SubmitApplicationHandler returned Submitted with this reference
//   resubmitted <id> <reference> a second submit of an application already sent returned this reference
//   locked <ms> / released <ms>  (hold-lock) the write lock is held / has been let go, at this Unix time in milliseconds
//   dispatching / sent <n>       (dispatch) the outbox is being sent through the SMTP server on the port / it sent n
// Anything unexpected goes to standard error and ends the process with a non-zero code.
return args switch
{
    ["submit", var file] => await SubmissionLoop.RunAsync(file, int.MaxValue),
    ["submit", var file, var count] => await SubmissionLoop.RunAsync(file, int.Parse(count, CultureInfo.InvariantCulture)),
    ["hold-lock", var file, var seconds] => await LockHolder.RunAsync(file, double.Parse(seconds, CultureInfo.InvariantCulture)),
    ["dispatch", var file, var port] => await Dispatcher.RunAsync(file, int.Parse(port, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: submit <sqlite-file> [applications]   |   hold-lock <sqlite-file> <seconds>   |   dispatch <sqlite-file> <smtp-port>");
    return 64;
}

/// <summary>
/// Parents apply one after another through the portal's real handlers, on the real service registrations
/// (AddPortalData, AddPortalPlatform, AddPortalApply), until killed or <c>count</c> applications are confirmed. On start
/// it first finishes any draft a killed run left, and submits a few sent applications again to check that a
/// repeat returns the same reference.
/// </summary>
internal static class SubmissionLoop
{
    public const string SubjectPrefix = "kill-parent-";

    public static async Task<int> RunAsync(string file, int count)
    {
        await using var app = BuildPortal(file);
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Say("ready");

        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var start = app.Services.GetRequiredService<StartApplicationHandler>();
        var save = app.Services.GetRequiredService<SaveStepHandler>();
        var submit = app.Services.GetRequiredService<SubmitApplicationHandler>();

        List<(Guid Id, string Subject)> drafts;
        List<(Guid Id, string Subject, string? Reference)> sent;
        await using (var db = await factory.CreateDbContextAsync())
        {
            drafts = [.. (await db.Applications.Where(a => a.Status == ApplicationStatus.Draft).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Owner!.Subject }).ToListAsync()).Select(a => (a.Id, a.Subject))];
            sent = [.. (await db.Applications.Where(a => a.Status == ApplicationStatus.Submitted).OrderByDescending(a => a.Id).Take(3)
                .Select(a => new { a.Id, a.Owner!.Subject, a.Reference }).ToListAsync()).Select(a => (a.Id, a.Subject, a.Reference))];
        }

        foreach (var (id, subject) in drafts)
        {
            Say($"resumed {id}");
            if (!await CompleteAsync(save, submit, id, ParentNumber(subject)))
            {
                return 2;
            }
        }

        foreach (var (id, subject, reference) in sent)
        {
            var again = await submit.HandleAsync(Parent(ParentNumber(subject)), id);
            if (again.Outcome != SubmitOutcome.Submitted || again.Reference != reference)
            {
                Console.Error.WriteLine($"Submitting {id} again gave {again.Outcome} {again.Reference}, not the stored reference {reference}.");
                return 3;
            }

            Say($"resubmitted {id} {again.Reference}");
        }

        for (var done = 0; done < count; done++)
        {
            int number;
            await using (var db = await factory.CreateDbContextAsync())
            {
                // The user row and the draft are saved together by StartApplication, so this never reuses a parent.
                number = await db.Users.CountAsync(u => u.Subject.StartsWith(SubjectPrefix)) + 1;
            }

            var id = await start.HandleAsync(Parent(number), new ApplicationPrefill(null, null, null));
            if (id is null)
            {
                Console.Error.WriteLine("StartApplication made no draft.");
                return 4;
            }

            Say($"started {id}");
            if (!await CompleteAsync(save, submit, id.Value, number))
            {
                return 2;
            }
        }

        return 0;
    }

    private static async Task<bool> CompleteAsync(SaveStepHandler save, SubmitApplicationHandler submit, Guid id, int number)
    {
        var parent = Parent(number);
        var pages = (number % 3) switch
        {
            0 => TriageFixtures.SenPages(),
            1 => TriageFixtures.BullyingPages(),
            _ => TriageFixtures.FacilitationPages(),
        };
        foreach (var (step, values) in pages)
        {
            var saved = await save.HandleAsync(parent, id, step, values);
            if (saved.Outcome != SaveStepOutcome.Saved)
            {
                Console.Error.WriteLine($"Saving {step} of {id} gave {saved.Outcome}.");
                return false;
            }
        }

        var result = await submit.HandleAsync(parent, id);
        if (result.Outcome != SubmitOutcome.Submitted || result.Reference is null)
        {
            Console.Error.WriteLine($"Submitting {id} gave {result.Outcome}.");
            return false;
        }

        Say($"confirmed {id} {result.Reference}");
        return true;
    }

    private static ClaimsPrincipal Parent(int number)
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", SubjectPrefix + number.ToString("D4", CultureInfo.InvariantCulture)), new Claim("name", "Kill Test Parent " + number.ToString(CultureInfo.InvariantCulture))],
            "driver",
            "name",
            PortalRoles.ClaimType);
        return new ClaimsPrincipal(identity);
    }

    private static int ParentNumber(string subject) =>
        subject.StartsWith(SubjectPrefix, StringComparison.Ordinal)
            ? int.Parse(subject[SubjectPrefix.Length..], CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("A draft that is not the driver's: " + subject);

    /// <summary>The registrations Program.cs makes for these handlers, on the given SQLite file, without a web server.</summary>
    private static WebApplication BuildPortal(string file)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file) }.ToString(),
            ["Database:Provider"] = "Sqlite",
            ["Database:SeedDemoData"] = "false",
            ["Applications:RetentionJobEnabled"] = "false",
            ["Messaging:StaffDigestEnabled"] = "false",
            ["Service:Name"] = "Test Mediation Service",
            ["Service:HelplinePhone"] = "0300 000 0000",
            ["Service:HelplineHours"] = "Weekdays 9 to 5",
            ["Service:ContactEmail"] = "help@test.example",
            ["Service:LocalAuthorities:0:Code"] = "herts",
            ["Service:LocalAuthorities:0:Name"] = "Hertfordshire",
            ["Service:LocalAuthorities:1:Code"] = "beds",
            ["Service:LocalAuthorities:1:Name"] = "Bedford Borough",
        });
        // The answers in TriageFixtures are for this date; time still moves on from it.
        builder.Services.AddSingleton<TimeProvider>(new PinnedClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)));
        builder.Services.AddMemoryCache();
        builder.AddPortalData();
        builder.AddPortalPlatform();
        builder.AddPortalApply();
        return builder.Build();
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    private sealed class PinnedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();

        public override DateTimeOffset GetUtcNow() => start + _elapsed.Elapsed;
    }
}

/// <summary>Another process holding the database's write lock: BEGIN IMMEDIATE, a write, then a wait before COMMIT.</summary>
internal static class LockHolder
{
    public static async Task<int> RunAsync(string file, double seconds)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file), Pooling = false, DefaultTimeout = 30 }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "BEGIN IMMEDIATE;");
        await ExecuteAsync(connection, "UPDATE \"Organisations\" SET \"Name\" = \"Name\";");
        Console.Out.WriteLine($"locked {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        Console.Out.Flush();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        await ExecuteAsync(connection, "COMMIT;");
        Console.Out.WriteLine($"released {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        Console.Out.Flush();
        return 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The outbox's dispatcher on its own, as a deployment runs it, sending what is due through an SMTP server on loopback with
/// the real <see cref="ParentPortal.Platform.Messaging.SmtpMessageSender"/>; a test kills it in the middle of a send.
/// </summary>
internal static class Dispatcher
{
    public static async Task<int> RunAsync(string file, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file) }.ToString(),
            ["Database:Provider"] = "Sqlite",
            ["Messaging:Sender"] = "Smtp",
            ["Messaging:DispatcherEnabled"] = "false",
            ["Messaging:Smtp:Host"] = "127.0.0.1",
            ["Messaging:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Messaging:Smtp:Security"] = "None",
            ["Messaging:Smtp:From"] = "no-reply@mediation.example.org",
        });
        builder.Services.AddMemoryCache();
        builder.AddPortalData();
        builder.AddPortalMessaging();
        await using var app = builder.Build();
        Console.Out.WriteLine("dispatching");
        Console.Out.Flush();
        var result = await app.Services.GetRequiredService<ParentPortal.Platform.Messaging.OutboxProcessor>().ProcessDueAsync();
        Console.Out.WriteLine($"sent {result.Sent}");
        Console.Out.Flush();
        return 0;
    }
}

