using Microsoft.Extensions.Configuration;
using Npgsql;
using ParentPortal.Data;

namespace ParentPortal.Tests.Integration.Data;

/// <summary>How the portal reads its database settings: PostgreSQL's pool is capped unless the connection string says otherwise.</summary>
public sealed class DatabaseSettingsTests
{
    private const string Server = "Host=db.internal;Username=portal;Password=secret;Database=portal";

    [Fact]
    public void Postgres_WithoutAPoolSize_OpensAtMostTheDefault_LeavingTheServerRoomForASecondInstance()
    {
        var settings = DatabaseSettings.From(Configuration(Server), "/srv/portal");
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(DatabaseSettings.DefaultPostgresPoolSize, builder.MaxPoolSize);
        Assert.True(2 * builder.MaxPoolSize < 100 - 3, "Two instances must fit in PostgreSQL's default max_connections, less the superuser slots.");
        Assert.Equal(("db.internal", "portal", "secret", "portal"), (builder.Host, builder.Username, builder.Password, builder.Database));
    }

    [Theory]
    [InlineData("Maximum Pool Size=50")]
    [InlineData("maximum pool size=50")]
    [InlineData("MaxPoolSize=50")]
    public void Postgres_PoolSizeInTheConnectionString_IsKept(string setting)
    {
        var settings = DatabaseSettings.From(Configuration($"{Server};{setting}"), "/srv/portal");
        Assert.Equal(50, new NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxPoolSize);
    }

    private static IConfiguration Configuration(string connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = connectionString })
        .Build();
}
