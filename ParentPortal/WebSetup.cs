using ParentPortal.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ParentPortal.Platform.Messaging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using ParentPortal.Components;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Deadlines;
using ParentPortal.Features.Documents;
using ParentPortal.Features.Reports;
using ParentPortal.Platform.Files;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Localisation;
using ParentPortal.Platform.Identity.DevProvider;
using ParentPortal.Platform.Security;

namespace ParentPortal;

public static class WebSetup
{
    /// <summary>
    /// In Development, reads <c>appsettings.Development.json</c> from the repository root (where a
    /// newcomer looks for it). It sits just after the app's own appsettings files, so user-secrets,
    /// environment variables and the command line still override it.
    /// </summary>
    public static WebApplicationBuilder AddRepositoryDevelopmentSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsDevelopment())
        {
            return builder;
        }

        var directory = new DirectoryInfo(builder.Environment.ContentRootPath);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ParentPortal.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return builder;
        }

        var sources = builder.Configuration.Sources;
        var lastAppSettings = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: not null } json && json.Path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                lastAppSettings = i;
            }
        }

        sources.Insert(lastAppSettings + 1, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(directory.FullName),
            Path = "appsettings.Development.json",
            Optional = true,
            ReloadOnChange = false,
        });
        return builder;
    }

    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var circuits = builder.AddPortalSecurity();
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // Limits from Microsoft's threat-mitigation guidance for interactive server rendering (settings under Circuits).
                options.DetailedErrors = builder.Environment.IsDevelopment();
                options.DisconnectedCircuitRetentionPeriod = circuits.DisconnectedRetention;
                options.DisconnectedCircuitMaxRetained = circuits.MaxDisconnectedRetained;
                options.JSInteropDefaultCallTimeout = circuits.JSInteropTimeout;
                options.MaxBufferedUnacknowledgedRenderBatches = circuits.MaxBufferedRenderBatches;
            })
            .AddHubOptions(options => options.MaximumReceiveMessageSize = circuits.MaxReceiveMessageSize);
        services.AddMudServices();
        services.AddSingleton<Components.Shared.FlashMessage>();
        services.AddProblemDetails();
        // The deadline API is public: any site may read it, without cookies.
        services.AddCors(options => options.AddPolicy(DeadlinesApi.CorsPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET")));
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UsePortalDeployment();
        app.UsePortalSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        // Friendly HTML status pages for people; the JSON API answers with problem details instead.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) &&
                context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            // A status or error page is for reading: render it as a GET. Re-executed as the original POST, a refused
            // form post (a 429 from a rate limit) met Blazor's form handling and got a bare 400 instead of the page.
            if ((context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null) &&
                !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
        app.UseRequestLocalization();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseUploadLimits();
        app.UseMiddleware<ParentPortal.Platform.Security.FormNulCharacters>();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        // Liveness (the process answers: restart it if not) and readiness (it can serve: send it traffic), as an
        // orchestrator or load balancer asks; /health is readiness too, as before, for what already checks it.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapDeadlinesApi();
        app.MapSessionEndpoints();
        app.MapDocumentEndpoints();
        app.MapApplyEndpoints();
        app.MapReportEndpoints();
        app.MapPrivacyEndpoints();
        app.MapMessagingEndpoints();
        app.MapDevIdentityProvider();
        app.MapLanguageEndpoint();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
