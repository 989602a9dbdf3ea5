using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ParentPortal.Platform.Hosting;

/// <summary>
/// Issue 18 item 5: OpenTelemetry traces and metrics from ASP.NET Core, EF Core, Blazor (circuits, navigation, events),
/// the runtime and the portal's own jobs and outbox (<see cref="PortalTelemetry"/>, <see cref="PortalMetrics"/>).
/// Off unless configured: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other <c>OTEL_*</c> variables the
/// OTLP exporter reads) turns it on and exports there; <c>Telemetry:Enabled</c> turns it on without an exporter, for
/// one added in code (the tests' in-memory exporter). Nothing personal goes out: request spans carry the route and path
/// (which hold ids, never names, as no page puts personal data in a URL) with the query string redacted, database
/// spans the SQL EF Core sent, whose values are always parameters, never the parameters' values, exceptions are not recorded, and the portal's own spans carry job names,
/// message kinds and outcomes only.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Blazor's built-in meters (ASP.NET Core 10): navigation and events, component lifecycle, circuits.</summary>
    public static readonly string[] BlazorMeters =
    [
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otlp = builder.Configuration[OtlpEndpointSetting];
        if (!builder.Configuration.GetValue("Telemetry:Enabled", !string.IsNullOrWhiteSpace(otlp)))
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PortalTelemetry.Name, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(PortalTelemetry.Name, "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits")
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.RecordException = false;
                    // Probes and static files (fonts, styles, scripts: every path with an extension) would drown the
                    // requests people make; their counts and durations are still in the request metrics.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !Path.HasExtension(context.Request.Path.Value);
                })
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(PortalTelemetry.Name)
                .AddMeter(BlazorMeters)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
