namespace ParentPortal.Features.Manage;

public static class ManageSetup
{
    /// <summary>The service settings a manager keeps: service details, local authorities and areas, venues, session types, staff.</summary>
    public static WebApplicationBuilder AddPortalSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTransient<ServiceDetailsHandler>();
        services.AddTransient<LocalAuthoritiesHandler>();
        services.AddTransient<AreasHandler>();
        services.AddTransient<VenuesHandler>();
        services.AddTransient<SessionTemplatesHandler>();
        services.AddTransient<StaffHandler>();
        services.AddTransient<SessionPresetsQuery>();
        services.AddScoped<SettingsNotice>();
        return builder;
    }
}
