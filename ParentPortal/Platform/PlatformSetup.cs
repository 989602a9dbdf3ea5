using Microsoft.Extensions.DependencyInjection.Extensions;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Files;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Localisation;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Platform;

public static class PlatformSetup
{
    /// <summary>
    /// What every feature uses: the clock, the service's settings, the working-day calendar, the case (opened through
    /// <see cref="CaseFiles"/>), the portal's public address, the panels features add to a case's pages, the checks, virus scan and encryption of uploaded files, and the start-up of the database.
    /// </summary>
    public static WebApplicationBuilder AddPortalPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<WorkingDayCalendarSource>();
        services.AddSingleton<TriageContextSource>();
        services.Configure<ApplicationOptions>(builder.Configuration.GetSection(ApplicationOptions.Section));
        services.AddSingleton<CaseFiles>();
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<LocalAuthorityNotices>();
        services.TryAddSingleton<CasePanels>();
        services.Configure<UploadOptions>(builder.Configuration.GetSection(UploadOptions.Section));
        services.AddSingleton<IVirusScanner, ClamAvScanner>();
        services.AddSingleton<UploadVault>();
        services.AddTransient<DatabaseInitializer>();
        services.TryAddSingleton<PortalMetrics>();
        builder.AddPortalTelemetry();
        services.AddPortalLocalisation(builder.Configuration);
        return builder;
    }
}
