using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ParentPortal.Platform.Security;

public static class SecuritySetup
{
    /// <summary>
    /// SignalR's hub dispatcher logs every message a browser sends at Debug, arguments included: for Blazor those are
    /// the events, with whatever people typed. Held at Information (it logs nothing there) for every logging provider,
    /// whatever Logging:LogLevel says; a setting for this exact category still wins, for a developer who needs it.
    /// </summary>
    public const string HubInvocationLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>
    /// The per-person circuit cap, the per-address limit on code guessing and the cookie rules. Development and Testing run on plain http on loopback, so
    /// there cookies are Secure only over https; everywhere else always.
    /// </summary>
    public static CircuitLimitOptions AddPortalSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var circuits = CircuitLimitOptions.From(builder.Configuration);
        services.AddSingleton(circuits);
        services.AddSingleton<OpenCircuits>();
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitLimitHandler>());
        services.AddPerAddressLimit(PerAddressLimits.CodeGuessing, builder.Configuration.GetValue("RateLimits:VerifyPerMinute", 20));

        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            // After every other rule, one per provider that has rules of its own (those take precedence over general ones).
            var explicitlySet = options.Rules.Where(r => string.Equals(r.CategoryName, HubInvocationLogCategory, StringComparison.OrdinalIgnoreCase)).Select(r => r.ProviderName).ToHashSet();
            foreach (var provider in options.Rules.Select(r => r.ProviderName).Append(null).Distinct().Where(p => !explicitlySet.Contains(p)).ToList())
            {
                options.Rules.Add(new LoggerFilterRule(provider, HubInvocationLogCategory, LogLevel.Information, filter: null));
            }
        });

        // Outside Development (UsePortalPipeline): a year, subdomains included; browsers then never try plain http.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        var plainHttpAllowed = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.Secure = plainHttpAllowed ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // Lax, not Strict: the sign-in callback from the provider is a cross-site navigation that needs the cookies.
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        return circuits;
    }

    /// <summary>Security headers first, so that error pages get them too; then the cookie rules, before anything writes a cookie.</summary>
    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var policy = SecurityHeaders.ContentSecurityPolicy(app.Configuration["Authentication:OpenIdConnect:Authority"]);
        app.UseMiddleware<SecurityHeaders>(policy);
        app.UseCookiePolicy();
        return app;
    }
}
