using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace ParentPortal.Platform.Hosting;

/// <summary>
/// Running behind a reverse proxy, as one of several instances: the proxy's forwarded headers (so the client's
/// address, scheme and host are the real ones), the public address, and a header naming the instance.
/// </summary>
public static class DeploymentSetup
{
    public const string PublicBaseUrlKey = "Portal:PublicBaseUrl";
    public const string InstanceNameKey = "Portal:InstanceName";
    public const string InstanceHeader = "X-Portal-Instance";
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    /// <summary>
    /// Forwarded headers are read only from the proxies and networks listed under <c>ForwardedHeaders</c>; with none
    /// listed they are ignored (a client could otherwise claim any address and slip past the per-address limits).
    /// </summary>
    public static WebApplicationBuilder AddPortalDeployment(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration configuration = builder.Configuration;
        var publicUrl = PublicBaseUrl(configuration);
        if (!builder.Environment.IsDevelopment())
        {
            RequirePublicAddress(builder.Services, publicUrl);
        }

        var proxies = Values(configuration, KnownProxiesKey).Select(ParseProxy).ToList();
        var networks = Values(configuration, KnownNetworksKey).Select(ParseNetwork).ToList();
        var settings = new DeploymentSettings(InstanceName(configuration), proxies.Count > 0 || networks.Count > 0);
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only what is configured: the defaults (loopback) would trust any local process.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>
    /// Outside Development the public address must be set: it is printed on every document's verification link (never
    /// the address a browser claims), and unless <c>AllowedHosts</c> lists hosts of its own, only requests for that
    /// host are answered.
    /// </summary>
    private static void RequirePublicAddress(IServiceCollection services, Uri? publicUrl)
    {
        if (publicUrl is null)
        {
            throw new InvalidOperationException(
                $"{PublicBaseUrlKey} is not set. Outside Development give the address people use, e.g. https://mediation.example.org: " +
                "it is printed on every document's verification link.");
        }

        // Runs after the host's own binding of AllowedHosts (registered when the builder was made).
        services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (options.AllowedHosts is null || options.AllowedHosts.Count == 0 || options.AllowedHosts is ["*"])
            {
                options.AllowedHosts = [publicUrl.Host];
            }
        });
    }

    /// <summary>First in the pipeline: everything after it (limits, sign-in, redirects, links) sees the public request.</summary>
    public static WebApplication UsePortalDeployment(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<DeploymentSettings>();
        if (settings.BehindProxy)
        {
            app.UseForwardedHeaders();
        }

        if (settings.InstanceName is { } name)
        {
            app.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[InstanceHeader] = name;
                    return Task.CompletedTask;
                });
                return next(context);
            });
        }

        return app;
    }

    /// <summary>
    /// The address people use (the proxy's), e.g. <c>https://mediation.example.org</c>, without a trailing slash;
    /// null when the portal is reached directly.
    /// </summary>
    public static Uri? PublicBaseUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[PublicBaseUrlKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
            uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidOperationException(
                $"{PublicBaseUrlKey} is '{value}'. Give the public address as scheme, host and port only, e.g. https://mediation.example.org.");
        }

        return uri;
    }

    /// <summary>The public address as text without a trailing slash, ready to append a path to.</summary>
    public static string? PublicBaseAddress(IConfiguration configuration) =>
        PublicBaseUrl(configuration)?.GetLeftPart(UriPartial.Authority);

    private static string? InstanceName(IConfiguration configuration)
    {
        var name = configuration[InstanceNameKey];
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        // A header value: printable ASCII only, so a setting can never break the response.
        if (name.Any(c => c is < '!' or > '~'))
        {
            throw new InvalidOperationException($"{InstanceNameKey} is '{name}'. Use letters, digits and punctuation without spaces, e.g. web-1.");
        }

        return name;
    }

    /// <summary>A list either as an array (<c>KnownProxies:0</c>, <c>:1</c>) or as one comma-separated value (handy in an environment variable).</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values.Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static IPAddress ParseProxy(string value) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException($"{KnownProxiesKey} has '{value}', which is not an IP address (e.g. 10.0.0.5 or ::1).");

    private static System.Net.IPNetwork ParseNetwork(string value) =>
        System.Net.IPNetwork.TryParse(value, out var network)
            ? network
            : throw new InvalidOperationException($"{KnownNetworksKey} has '{value}', which is not a network in CIDR form (e.g. 10.0.0.0/24).");
}

/// <param name="InstanceName">Sent as <c>X-Portal-Instance</c> on every response when set.</param>
/// <param name="BehindProxy">Forwarded headers from the configured proxies are applied.</param>
public sealed record DeploymentSettings(string? InstanceName, bool BehindProxy);
