using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ParentPortal.Features.Security;

public static class SecuritySetup
{
    /// <summary>
    /// The per-person circuit cap and the cookie rules. Development and Testing run on plain http on loopback, so
    /// there cookies are Secure only over https; everywhere else always.
    /// </summary>
    public static CircuitLimitOptions AddPortalSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var circuits = CircuitLimitOptions.From(builder.Configuration);
        services.AddSingleton(circuits);
        services.AddSingleton<OpenCircuits>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitLimitHandler>());

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
