using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Platform.Identity.DevProvider;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) inside the portal's own process, for Development and
/// tests only. It offers demo accounts without passwords, so it refuses to start anywhere else, or on any address
/// but loopback (<see cref="LoopbackOnlyGuard"/>).
/// </summary>
public static class DevIdentityProviderSetup
{
    public const string CookieScheme = "DevIdentityProvider";
    public const string ClientId = "parentportal-dev";
    public const string PathPrefix = "/dev-idp";
    public const string ConfigurationKey = "DevIdentityProvider:Enabled";

    public static bool IsAllowedIn(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || environment.IsEnvironment("Testing");
    }

    public static bool AddDevIdentityProvider(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.GetValue(ConfigurationKey, false))
        {
            return false;
        }

        if (!IsAllowedIn(builder.Environment))
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} is true but the environment is '{builder.Environment.EnvironmentName}'. " +
                "The development sign-in provider lets anyone sign in as anyone, so it only runs in Development or Testing. " +
                "Remove the setting and configure Authentication:OpenIdConnect for a real provider.");
        }

        var services = builder.Services;
        services.Configure<DevIdentityProviderOptions>(builder.Configuration.GetSection("DevIdentityProvider"));

        // One name per process, computed outside the options lambda: a new name per context would
        // give every request an empty store.
        var storeName = "dev-idp-" + Guid.NewGuid().ToString("N");
        services.AddDbContext<DevProviderDbContext>(options =>
        {
            options.UseInMemoryDatabase(storeName);
            options.UseOpenIddict();
        });

        var keys = DevProviderKeys.Create(builder.Configuration[DevProviderKeys.KeySeedKey]);
        var publicBase = DeploymentSetup.PublicBaseAddress(builder.Configuration);
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<DevProviderDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(PathPrefix[1..] + "/connect/authorize")
                    .SetTokenEndpointUris(PathPrefix[1..] + "/connect/token")
                    .SetEndSessionEndpointUris(PathPrefix[1..] + "/connect/logout")
                    .SetConfigurationEndpointUris(PathPrefix[1..] + "/.well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris(PathPrefix[1..] + "/.well-known/jwks");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes("openid", "profile", "email");
                // Explicit keys: OpenIddict's ephemeral keys cost seconds on first use, and development
                // certificates would need the machine's certificate store.
                options.AddSigningKey(keys.Signing);
                options.AddEncryptionKey(keys.Encryption);
                options.DisableAccessTokenEncryption();
                // Codes carry what they need, encrypted with the key above, instead of living in this process's
                // in-memory store: behind a proxy, the instance that redeems a code need not be the one that issued it.
                options.DisableTokenStorage().DisableAuthorizationStorage();
                if (publicBase is not null)
                {
                    // Behind a proxy the provider is known by the public address, whichever instance answers.
                    options.SetIssuer(new Uri(publicBase + "/"));
                }

                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        services.AddAuthentication().AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = ".ParentPortal.DevIdp";
            options.Cookie.Path = PathPrefix;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = PathPrefix + "/login";
            options.ReturnUrlParameter = "returnUrl";
        });

        services.AddHostedService<DevClientRegistrar>();
        services.AddHostedService<LoopbackOnlyGuard>();
        return true;
    }

    /// <summary>
    /// The provider's address as the portal's back channel should call it: the public address when there is one
    /// (behind a proxy, so the browser is sent there too), else this process's own.
    /// </summary>
    public static string AuthorityFor(IServer server, string? publicBaseAddress = null) =>
        (publicBaseAddress ?? BaseAddresses(server)[0]) + PathPrefix;

    /// <summary>
    /// The addresses Kestrel is listening on, with wildcard hosts made concrete, each in its
    /// localhost, 127.0.0.1 and [::1] forms (people open either in a browser).
    /// </summary>
    public static IReadOnlyList<string> BaseAddresses(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var result = new List<string>();
        foreach (var address in addresses)
        {
            var normalised = address
                .Replace("://+:", "://localhost:", StringComparison.Ordinal)
                .Replace("://*:", "://localhost:", StringComparison.Ordinal)
                .Replace("://0.0.0.0:", "://localhost:", StringComparison.Ordinal)
                .Replace("://[::]:", "://localhost:", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
            {
                continue;
            }

            foreach (var host in new[] { uri.Host, "localhost", "127.0.0.1", "[::1]" })
            {
                var candidate = $"{uri.Scheme}://{host}:{uri.Port}";
                if (!result.Contains(candidate))
                {
                    result.Add(candidate);
                }
            }
        }

        if (result.Count == 0)
        {
            throw new InvalidOperationException("The development sign-in provider needs the portal to listen on a network address (Kestrel).");
        }

        return result;
    }
}

public sealed class DevIdentityProviderOptions
{
    public bool Enabled { get; set; }

    public List<DevAccount> Accounts { get; set; } = [];
}

public sealed class DevAccount
{
    public string Subject { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>Shown on the sign-in page, e.g. "Parent" or "Adviser".</summary>
    public string Description { get; set; } = "";

    /// <summary>Role claims the provider puts in its token, as some real providers do: for testing that the portal ignores them.</summary>
    public List<string> Roles { get; set; } = [];
}

public sealed class DevProviderDbContext(DbContextOptions<DevProviderDbContext> options) : DbContext(options);
