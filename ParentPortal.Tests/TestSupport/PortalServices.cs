using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Platform;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// The portal's real data registrations (AddPortalData) without a web server: for data-layer tests
/// and component tests that need the database but no HTTP. <c>addFeatures</c> adds more of the
/// portal's registrations (with settings of their own), before <c>configure</c> swaps services.
/// </summary>
public static class PortalServices
{
    public static WebApplication Build(
        TestDatabase database,
        bool seedDemoData = true,
        Action<IServiceCollection>? configure = null,
        Action<WebApplicationBuilder>? addFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = Path.Combine(RepositoryPaths.Root, "ParentPortal"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database.ConnectionString,
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:SeedDemoData"] = seedDemoData ? "true" : "false",
            // The address printed on documents: as in any real deployment, set rather than taken from a request.
            ["Portal:PublicBaseUrl"] = "https://portal.example.org",
            ["Service:Name"] = "Test Mediation Service",
            ["Service:HelplinePhone"] = "0300 000 0000",
            ["Service:HelplineHours"] = "Weekdays 9 to 5",
            ["Service:ContactEmail"] = "help@test.example",
            ["Service:LocalAuthorities:0:Code"] = "herts",
            ["Service:LocalAuthorities:0:Name"] = "Hertfordshire",
            ["Service:LocalAuthorities:1:Code"] = "beds",
            ["Service:LocalAuthorities:1:Name"] = "Bedford Borough",
            ["Service:LocalAuthorities:2:Code"] = "essex",
            ["Service:LocalAuthorities:2:Name"] = "Essex",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.AddPortalData();
        builder.AddPortalPlatform();
        addFeatures?.Invoke(builder);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<WebApplication> BuildInitializedAsync(
        TestDatabase database,
        bool seedDemoData = true,
        Action<IServiceCollection>? configure = null,
        Action<WebApplicationBuilder>? addFeatures = null)
    {
        var app = Build(database, seedDemoData, configure, addFeatures);
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return app;
    }
}
