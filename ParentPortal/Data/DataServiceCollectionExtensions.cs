using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ParentPortal.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Portal";

    /// <summary>
    /// Registers the portal's database: SQLite by default (a file under <c>data/</c>), PostgreSQL when
    /// <c>Database:Provider</c> is <c>Postgres</c>. Both read <c>ConnectionStrings:Portal</c>.
    /// Code asks for <see cref="IDbContextFactory{PortalDbContext}"/> and makes one context per operation.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        if (settings.SeedDemoData && !builder.Environment.IsDevelopment())
        {
            // The demo staff sign in through the development provider without a password: they never exist anywhere else.
            throw new InvalidOperationException(
                $"Database:SeedDemoData is true but the environment is '{builder.Environment.EnvironmentName}'. " +
                "Demo staff and cases are for Development only: remove the setting.");
        }

        var services = builder.Services;
        services.AddSingleton(settings);

        if (settings.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresPortalDbContext>(o => o.UseNpgsql(settings.ConnectionString));
            services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp =>
                new PortalDbContextFactory<PostgresPortalDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresPortalDbContext>>()));
        }
        else
        {
            services.AddDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(settings.ConnectionString));
            services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp =>
                new PortalDbContextFactory<SqlitePortalDbContext>(sp.GetRequiredService<IDbContextFactory<SqlitePortalDbContext>>()));
        }

        // A scoped context for framework pieces that resolve one per request (Data Protection's key
        // store, the health check). Feature code uses the factory instead.
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());

        // Keys in the database: a restart, or a second instance on the same database, keeps everyone signed in.
        services.AddDataProtection()
            .SetApplicationName("ParentPortal")
            .PersistKeysToDbContext<PortalDbContext>();

        // Ready: the database answers and holds the portal's tables (a query, not only a connection: an empty SQLite
        // file or a database not yet migrated connects but cannot serve anyone).
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>(
            "database",
            tags: [HealthTags.Ready],
            customTestQuery: async (db, cancellationToken) =>
            {
                await db.Organisations.AsNoTracking().AnyAsync(cancellationToken);
                return true;
            });
        return builder;
    }

    private sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
        where TContext : PortalDbContext
    {
        public PortalDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool SeedDemoData)
{
    public static DatabaseSettings From(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = configuration["Database:Provider"];
        var provider = providerName switch
        {
            null or "" or "Sqlite" or "sqlite" or "SQLite" => DatabaseProvider.Sqlite,
            "Postgres" or "postgres" or "PostgreSQL" or "Npgsql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"Database:Provider is '{providerName}'. Use 'Sqlite' (the default) or 'Postgres'."),
        };
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName);
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres but ConnectionStrings:Portal is empty. Set it in user-secrets or the environment (ConnectionStrings__Portal).");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = PrepareSqlite(connectionString ?? "Data Source=data/portal.db", contentRootPath);
        }
        else
        {
            connectionString = PreparePostgres(connectionString!);
        }

        return new DatabaseSettings(provider, connectionString!, configuration.GetValue("Database:SeedDemoData", false));
    }

    /// <summary>Connections one instance opens at most, unless the connection string says (<c>Maximum Pool Size</c>).</summary>
    public const int DefaultPostgresPoolSize = 20;

    // Npgsql's own default (100 per instance) is PostgreSQL's whole default max_connections (100, three of them kept for
    // superusers): one busy instance took every slot, and requests failed with 53300 "remaining connection slots are
    // reserved" (docs/load-run.md, 500 families). 20 per instance leaves room for a second instance, migrations and
    // an administrator; a request that finds the pool busy waits for a connection (Npgsql's Timeout, 15 s) instead.
    private static string PreparePostgres(string connectionString)
    {
        // The keys as given (case-insensitive), in either of the two spellings Npgsql accepts.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Maximum Pool Size") || given.ContainsKey("MaxPoolSize")
            ? connectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultPostgresPoolSize }.ConnectionString;
    }

    // A relative SQLite path is taken from the content root, not from wherever the process was started.
    // The busy timeout is set deliberately (DatabaseBusy.SqliteBusyTimeoutSeconds) unless the connection
    // string chooses its own "Default Timeout".
    private static string PrepareSqlite(string connectionString, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Default Timeout") && !given.ContainsKey("DefaultTimeout") && !given.ContainsKey("Command Timeout"))
        {
            builder.DefaultTimeout = DatabaseBusy.SqliteBusyTimeoutSeconds;
        }

        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRootPath, builder.DataSource));
        }

        return builder.ToString();
    }
}

/// <summary>Which health checks say an instance is ready for traffic (<c>/health/ready</c>); liveness runs none.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
