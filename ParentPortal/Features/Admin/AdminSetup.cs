using ParentPortal.Features.Admin.BankHolidays;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Admin.Settings;

namespace ParentPortal.Features.Admin;

public static class AdminSetup
{
    /// <summary>
    /// What a service manager keeps: the service's settings (details, local authorities and areas, venues, session types,
    /// staff), the bank holidays the deadlines count with, and the privacy duties (retention, subject access, erasure).
    /// </summary>
    public static WebApplicationBuilder AddPortalAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTransient<ServiceDetailsHandler>();
        services.AddTransient<LocalAuthoritiesHandler>();
        services.AddTransient<AreasHandler>();
        services.AddTransient<VenuesHandler>();
        services.AddTransient<SupportersHandler>();
        services.AddTransient<SessionTemplatesHandler>();
        services.AddTransient<StaffHandler>();
        services.AddScoped<SettingsNotice>();
        services.AddTransient<ImportBankHolidaysHandler>();
        services.AddTransient<BankHolidayOverviewQuery>();
        builder.AddPortalPrivacy();
        return builder;
    }
}
