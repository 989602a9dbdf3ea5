using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Hosting.Seeding;

namespace ParentPortal.Platform.Hosting;

/// <summary>Applies migrations at start-up, then seeds the service and (in Development) the demo data.</summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> contextFactory,
    DatabaseSettings settings,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        FileStream? startUpLock = null;
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            startUpLock = await PrepareSqliteFileAsync(cancellationToken);
        }

        await using (startUpLock)
        {
            await InitializeDatabaseAsync(holdsStartUpLock: startUpLock is not null, cancellationToken);
        }
    }

    private async Task InitializeDatabaseAsync(bool holdsStartUpLock, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (holdsStartUpLock)
        {
            await ClearStaleMigrationLockAsync(db, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers carry on while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await SeedServiceAsync(db, cancellationToken);
        await BankHolidayStore.SeedIfEmptyAsync(db, clock.GetUtcNow(), cancellationToken);
        if (settings.SeedDemoData)
        {
            await DemoData.SeedAsync(db, clock, cancellationToken);
        }

        if (configuration.GetValue("Database:SeedVolumes", false))
        {
            var added = await VolumeData.SeedAsync(db, clock.GetUtcNow(), VolumeSize.Demo, cancellationToken);
            LogVolumesSeeded(logger, added);
        }

        LogDatabaseReady(logger, settings.Provider);
    }

    /// <summary>Creates the file's folder, and takes the start-up lock when the database is a file (null otherwise).</summary>
    private async Task<FileStream?> PrepareSqliteFileAsync(CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        if (dataSource.Length == 0 || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return null;
        }

        var directory = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return await AcquireStartUpLockAsync(dataSource + ".startup-lock", cancellationToken);
    }

    /// <summary>
    /// EF Core's migration lock on SQLite is a row in <c>__EFMigrationsLock</c>, inserted before migrating and
    /// deleted after. A process killed in between (a deployment, the OOM killer, kill -9) leaves the row behind,
    /// and every later start then waits for it for ever. So the portal's start-up on a SQLite file first takes
    /// an operating-system lock on a file beside it, which the kernel lets go whenever its process ends, however
    /// it ends. Every portal process migrates only while holding it, so a row found by the holder was left by a
    /// process that has died, and is removed. The same lock keeps two instances starting on one new file from
    /// both seeding it.
    /// </summary>
    private async Task<FileStream> AcquireStartUpLockAsync(string path, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux and macOS, and a sharing lock on Windows.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < StartUpLockWait)
            {
                if (!logged)
                {
                    LogWaitingForStartUpLock(logger);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private async Task ClearStaleMigrationLockAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var hasLockTable = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(cancellationToken) > 0;
        if (hasLockTable && await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\";", cancellationToken) > 0)
        {
            LogStaleMigrationLockCleared(logger);
        }
    }

    /// <summary>The service's name, helpline and local authorities come from configuration on first run.</summary>
    private async Task SeedServiceAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Service");
        var organisation = await db.Organisations.Include(o => o.LocalAuthorities).OrderBy(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            organisation = new Organisation
            {
                Name = section["Name"] ?? "Mediation and disagreement resolution service",
                HelplinePhone = section["HelplinePhone"] ?? "",
                HelplineHours = section["HelplineHours"] ?? "",
                ContactEmail = section["ContactEmail"] ?? "",
            };
            db.Organisations.Add(organisation);
        }

        foreach (var la in section.GetSection("LocalAuthorities").GetChildren())
        {
            var code = la["Code"];
            var name = la["Name"];
            if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            if (!organisation.LocalAuthorities.Any(existing => existing.Code == code) &&
                !await db.LocalAuthorities.AnyAsync(existing => existing.Code == code, cancellationToken))
            {
                organisation.LocalAuthorities.Add(new LocalAuthority { Code = code, Name = name });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly TimeSpan StartUpLockWait = TimeSpan.FromMinutes(5);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another portal process is starting on this database file; waiting for it to finish migrating.")]
    private static partial void LogWaitingForStartUpLock(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed EF Core's migration lock left by a portal process that ended while migrating.")]
    private static partial void LogStaleMigrationLockCleared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Cases} demo cases with their calls and survey answers (none when cases already exist).")]
    private static partial void LogVolumesSeeded(ILogger logger, int cases);

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal database ready ({Provider}).")]
    private static partial void LogDatabaseReady(ILogger logger, DatabaseProvider provider);
}
