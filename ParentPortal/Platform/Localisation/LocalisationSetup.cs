using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace ParentPortal.Platform.Localisation;

/// <summary>
/// Issue 17: the family's language. ASP.NET Core's request localisation reads the <see cref="PortalLanguages.CookieName"/>
/// cookie (and nothing else: a browser's own language does not switch the service, as GOV.UK advises); the header's
/// links set it through <c>/language/{code}</c>, which works without JavaScript.
/// </summary>
public static class LocalisationSetup
{
    public const string PseudoSetting = "Localisation:PseudoLanguage";

    public static IServiceCollection AddPortalLocalisation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLocalization();
        services.TryAddSingleton<ResourceManagerStringLocalizerFactory>();
        services.TryAddSingleton<MissingTranslations>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, PortalStringLocalizerFactory>());
        var pseudo = configuration.GetValue<bool>(PseudoSetting);
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = PortalLanguages.Shipped.Select(l => l.Culture).ToList();
            if (pseudo)
            {
                cultures.Add(PortalLanguages.CultureFor(PortalLanguages.Pseudo));
            }

            options.DefaultRequestCulture = new RequestCulture(PortalLanguages.Default.Culture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = false;
            options.FallBackToParentUICultures = false;
            options.RequestCultureProviders = [new StaffPagesInEnglish(), new CookieRequestCultureProvider { CookieName = PortalLanguages.CookieName }];
        });
        return services;
    }

    /// <summary>
    /// <c>GET /language/{code}?returnUrl=/path</c>: remembers the language for a year and goes back to the page. A plain
    /// link, so it works without scripts; an unknown language or a return address off this site is ignored kindly.
    /// </summary>
    public static IEndpointRouteBuilder MapLanguageEndpoint(this IEndpointRouteBuilder endpoints)
    {
        var pseudo = endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(PseudoSetting);
        endpoints.MapGet("/language/{code}", (HttpContext http, string code, string? returnUrl) =>
        {
            var language = PortalLanguages.Find(code, includePseudo: pseudo);
            if (language is not null)
            {
                http.Response.Cookies.Append(PortalLanguages.CookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Code)),
                    new CookieOptions
                    {
                        MaxAge = TimeSpan.FromDays(365),
                        HttpOnly = true,
                        Secure = http.Request.IsHttps,
                        SameSite = SameSiteMode.Lax,
                        IsEssential = true,
                        Path = "/",
                    });
            }

            return Results.LocalRedirect(Identity.LocalReturnUrl.Sanitize(returnUrl));
        }).AllowAnonymous();
        return endpoints;
    }
}

/// <summary>
/// Staff pages stay in English (issue 17 item 1), whatever language the browser chose for the family side: an adviser who
/// looked at the Welsh pages, or a family member who works for the service, still gets English pages and English dates. The
/// interactive circuit (<c>/_blazor</c>) only ever serves staff pages: every family page is server-rendered.
/// </summary>
public sealed class StaffPagesInEnglish : RequestCultureProvider
{
    public static readonly IReadOnlyList<string> StaffPaths = ["/advisers", "/manage", "/_blazor"];

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return Task.FromResult(IsStaffPage(httpContext.Request.Path) ? new ProviderCultureResult(PortalLanguages.Default.Code) : null);
    }

    /// <summary>Whether a path (from the site's root, query allowed) is a staff page.</summary>
    public static bool IsStaffPage(PathString path) =>
        StaffPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static bool IsStaffPage(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var end = pathAndQuery.IndexOfAny(['?', '#']);
        return IsStaffPage(new PathString(end < 0 ? pathAndQuery : pathAndQuery[..end]));
    }
}
