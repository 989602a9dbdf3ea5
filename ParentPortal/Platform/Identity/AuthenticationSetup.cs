using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Identity.DevProvider;
using ParentPortal.Platform.Security;

namespace ParentPortal.Platform.Identity;

public static class AuthenticationSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = "oidc";

    /// <summary>The rate-limit policy on starting a sign-in (<c>/account/login</c>) and the development provider's sign-in form, per IP address.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>
    /// Cookie session plus the standard OpenID Connect handler (authorization code flow with PKCE).
    /// The provider is configured under <c>Authentication:OpenIdConnect</c>; in Development the
    /// built-in development provider stands in for it.
    /// </summary>
    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var devProvider = builder.AddDevIdentityProvider();
        var section = builder.Configuration.GetSection("Authentication:OpenIdConnect");
        var isDevelopmentLike = !builder.Environment.IsProduction() && !builder.Environment.IsStaging();

        if (!devProvider && (string.IsNullOrWhiteSpace(section["Authority"]) || string.IsNullOrWhiteSpace(section["ClientId"])))
        {
            throw new InvalidOperationException(
                "Sign-in is not configured. Set Authentication:OpenIdConnect:Authority and :ClientId (and :ClientSecret if your provider needs one) " +
                "in user-secrets or the environment, or run in Development where the development provider is used. See README.md.");
        }

        var sessionSettings = RevalidatingPortalAuthenticationState.Read(builder.Configuration);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieScheme;
                options.DefaultChallengeScheme = OidcScheme;
            })
            .AddCookie(CookieScheme, options =>
            {
                // Outside Development the __Host- prefix: the browser keeps it only if it is Secure, for the whole site, and set
                // by this host alone (no Domain), so a neighbouring subdomain can neither read nor plant it.
                options.Cookie.Name = development ? ".ParentPortal.Session" : "__Host-ParentPortal.Session";
                options.Cookie.Path = "/";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = async context =>
                {
                    // Sliding keeps an active cookie alive; the sign-in itself still ends after its absolute lifetime.
                    if (context.Principal is { } principal
                        && RevalidatingPortalAuthenticationState.OutlivedItsSignIn(principal, context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow, sessionSettings.AbsoluteLifetime))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieScheme);
                    }
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    // A friendly 403 page (status code pages), not a redirect to a page that does not exist.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(OidcScheme, options =>
            {
                options.Authority = section["Authority"];
                options.ClientId = section["ClientId"];
                options.ClientSecret = string.IsNullOrWhiteSpace(section["ClientSecret"]) ? null : section["ClientSecret"];
                options.ResponseType = OpenIdConnectResponseType.Code;
                // Query rather than form_post: the callback is a top-level GET, so Lax cookies arrive
                // even when the provider is on another site and the portal is on plain http in development.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.MapInboundClaims = false;
                options.SaveTokens = true;
                options.GetClaimsFromUserInfoEndpoint = section.GetValue("GetClaimsFromUserInfoEndpoint", false);
                options.Scope.Clear();
                foreach (var scope in (section["Scopes"] ?? "openid profile email").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(scope);
                }

                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = PortalRoles.ClaimType;
                options.RequireHttpsMetadata = !isDevelopmentLike;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = isDevelopmentLike ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.NonceCookie.SecurePolicy = options.CorrelationCookie.SecurePolicy;
                options.Events.OnTokenValidated = SignInRecorder.OnTokenValidatedAsync;
                options.Events.OnRemoteFailure = context =>
                {
                    // A cancelled or failed sign-in goes to a kind page, never a stack trace.
                    context.Response.Redirect("/signin-problem");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });

        if (devProvider)
        {
            var publicBase = DeploymentSetup.PublicBaseAddress(builder.Configuration);
            builder.Services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IServer>((options, server) =>
            {
                // Runs on the first sign-in request, when Kestrel knows its real port: the provider is
                // this same process, so it follows whatever --urls the portal was given (behind a proxy,
                // the public address, which reaches this provider or another instance's with the same keys).
                options.Authority = DevIdentityProviderSetup.AuthorityFor(server, publicBase);
                options.ClientId = DevIdentityProviderSetup.ClientId;
                options.ClientSecret = null;
            });
        }

        // Each sign-in starts one challenge (and, with the development provider, one form post): a client starting
        // hundreds is not a person, and each start costs correlation cookies and a round trip to the provider.
        var signInsPerMinute = builder.Configuration.GetValue("RateLimits:SignInPerMinute", 30);
        builder.Services.AddPerAddressLimit(SignInRateLimit, signInsPerMinute);

        PortalPolicies.AddTo(builder.Services.AddAuthorizationBuilder());
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, NotFoundWhenForbiddenResultHandler>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSingleton(sessionSettings);
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingPortalAuthenticationState>();
        builder.Services.AddMemoryCache();
        builder.Services.AddTransient<IClaimsTransformation, StaffRoleClaimsTransformation>();
        return builder;
    }

    public static string? Subject(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.FindFirst("sub")?.Value : null;
    }
}
