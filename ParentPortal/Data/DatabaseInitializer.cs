using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Data.Seeding;
using ParentPortal.Features.Calendar;

namespace ParentPortal.Data;

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
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers carry on while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await SeedServiceAsync(db, cancellationToken);
        await BankHolidayStore.SeedIfEmptyAsync(db, clock.GetUtcNow(), cancellationToken);
        await BackfillSearchTextAsync(db, cancellationToken);
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

    private void PrepareSqliteFile()
    {
        var dataSource = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        var directory = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>The service's name, helpline and local authorities come from configuration on first run.</summary>
    private async Task SeedServiceAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Service");
        var organisation = await db.Organisations.Include(o => o.LocalAuthorities).FirstOrDefaultAsync(cancellationToken);
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

    /// <summary>Applications saved before advisers could search have no search text yet.</summary>
    private static async Task BackfillSearchTextAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var missing = await db.Applications.Include(a => a.Owner).Where(a => a.SearchText == null).Take(5000).ToListAsync(cancellationToken);
        foreach (var application in missing)
        {
            application.SearchText = Features.Applications.ApplicationSearchText.For(
                Domain.Triage.TriageAnswers.FromJson(application.AnswersJson), application.Owner?.DisplayName, application.Owner?.Email, application.Reference);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Cases} demo cases with their calls and survey answers (none when cases already exist).")]
    private static partial void LogVolumesSeeded(ILogger logger, int cases);

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal database ready ({Provider}).")]
    private static partial void LogDatabaseReady(ILogger logger, DatabaseProvider provider);
}
