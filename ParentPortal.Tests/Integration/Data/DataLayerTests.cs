using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Data;

/// <summary>The same data-layer tests against both engines the portal supports.</summary>
public abstract class DataLayerTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    protected TestDatabase Database => _database;

    public Task InitializeAsync()
    {
        _database = TestDatabase.Create(provider);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Initialize_AppliesEveryMigration_AndTheModelHasNoPendingChanges()
    {
        await using var app = await PortalServices.BuildInitializedAsync(_database);
        await using var db = await Factory(app).CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changed since the last migration: add one for each provider");
    }

    [Fact]
    public async Task Initialize_SeedsTheServiceAndDemoData_AndRunningItAgainAddsNothing()
    {
        await using (var first = await PortalServices.BuildInitializedAsync(_database))
        {
        }

        await using var app = await PortalServices.BuildInitializedAsync(_database);
        await using var db = await Factory(app).CreateDbContextAsync();

        var organisation = await db.Organisations.Include(o => o.LocalAuthorities).SingleAsync();
        Assert.Equal("Test Mediation Service", organisation.Name);
        Assert.Equal(["Bedford Borough", "Essex", "Hertfordshire"], organisation.LocalAuthorities.Select(l => l.Name).Order());
        var staff = await db.StaffMembers.Include(s => s.Roles).OrderBy(s => s.Subject).ToListAsync();
        Assert.Equal(["demo-adviser", "demo-la-officer", "demo-manager", "demo-mediator"], staff.Select(s => s.Subject));
        Assert.Equal("herts", (await db.LocalAuthorities.SingleAsync(l => l.Id == staff[1].LocalAuthorityId)).Code);
        Assert.Equal("Sam Taylor", (await db.Users.SingleAsync(u => u.Subject == "demo-parent")).DisplayName);
        Assert.Equal(3, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Initialize_WithoutDemoData_SeedsOnlyTheService()
    {
        await using var app = await PortalServices.BuildInitializedAsync(_database, seedDemoData: false);
        await using var db = await Factory(app).CreateDbContextAsync();

        Assert.Equal(1, await db.Organisations.CountAsync());
        Assert.Equal(0, await db.StaffMembers.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase_SoAnotherProcessCanReadWhatThisOneProtected()
    {
        string protectedText;
        await using (var first = await PortalServices.BuildInitializedAsync(_database))
        {
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("still signed in");
        }

        await using var second = await PortalServices.BuildInitializedAsync(_database);
        var unprotected = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);

        Assert.Equal("still signed in", unprotected);
        await using var db = await Factory(second).CreateDbContextAsync();
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task Users_TheSameSubjectTwice_IsRefusedByTheDatabase()
    {
        await using var app = await PortalServices.BuildInitializedAsync(_database);
        var now = DateTimeOffset.UtcNow;
        await using (var db = await Factory(app).CreateDbContextAsync())
        {
            db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = "same", FirstSignedInAt = now, LastSignedInAt = now });
            await db.SaveChangesAsync();
        }

        await using var second = await Factory(app).CreateDbContextAsync();
        second.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = "same", FirstSignedInAt = now, LastSignedInAt = now });
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Timestamps_RoundTripAndSortInTheDatabase()
    {
        await using var app = await PortalServices.BuildInitializedAsync(_database);
        var early = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        var late = early.AddHours(2);
        await using (var db = await Factory(app).CreateDbContextAsync())
        {
            db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = "late", FirstSignedInAt = late, LastSignedInAt = late });
            db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = "early", FirstSignedInAt = early, LastSignedInAt = early });
            await db.SaveChangesAsync();
        }

        await using var read = await Factory(app).CreateDbContextAsync();
        var ordered = await read.Users
            .Where(u => u.LastSignedInAt > early.AddMinutes(-1) && u.LastSignedInAt < late.AddMinutes(1))
            .OrderBy(u => u.LastSignedInAt)
            .ToListAsync();

        Assert.Equal(["early", "late"], ordered.Select(u => u.Subject));
        Assert.Equal(early, ordered[0].LastSignedInAt);
    }

    protected static IDbContextFactory<PortalDbContext> Factory(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    private static IDbContextFactory<PortalDbContext> Factory(Microsoft.AspNetCore.Builder.WebApplication app) => Factory(app.Services);
}

public sealed class SqliteDataLayerTests() : DataLayerTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task Sqlite_UsesWriteAheadLogging()
    {
        await using var app = await PortalServices.BuildInitializedAsync(Database);
        await using var db = await Factory(app.Services).CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Health_LivenessAnswersWhileTheDatabaseIsGone_ReadinessSays503()
    {
        var database = (SqliteTestDatabase)Database;
        await using var portal = new PortalFactory(database);
        using var client = portal.CreateHttpClient();
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health/live", UriKind.Relative)));
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));

        // The database file goes (a lost volume): the next connection makes an empty file, which has no tables.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(database.FilePath, database.FilePath + ".gone");
        foreach (var sidecar in new[] { "-wal", "-shm" }.Select(s => database.FilePath + s).Where(File.Exists))
        {
            File.Move(sidecar, sidecar + ".gone");
        }

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }
}

public sealed class PostgresDataLayerTests() : DataLayerTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Postgres_ThePortalRunsOnIt_HealthIsHealthyAndSignInWorks()
    {
        await using var portal = new PortalFactory(Database);
        using var anonymous = portal.CreateHttpClient();
        Assert.Equal("Healthy", await anonymous.GetStringAsync(new Uri("/health", UriKind.Relative)));

        var (client, finalUri) = await PortalHttpSession.SignInAsync(portal, "demo-adviser", "/advisers");
        using var _ = client;

        Assert.Equal("/advisers", finalUri.AbsolutePath);
    }
}
