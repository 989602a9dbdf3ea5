using Microsoft.AspNetCore.Http;

namespace ParentPortal.Platform.Security;

/// <summary>
/// A GET that writes the audit log (a download, an export) is refused when another site starts it: a link or image on
/// another site would otherwise make a signed-in adviser's browser write "downloaded" entries they never chose to, and
/// SameSite=Lax cookies go along with top-level GETs. Browsers say where a request came from in <c>Sec-Fetch-Site</c>:
/// this site ("same-origin") and the person themselves (a typed address or bookmark: "none") are let through; another
/// site, even a neighbouring subdomain ("same-site"), gets 403. A client that sends no such header (older browsers, curl)
/// is let through: it cannot be told to make the request by another site's page.
/// </summary>
public static class CrossSiteGets
{
    public const string Header = "Sec-Fetch-Site";

    public static bool IsFromAnotherSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = request.Headers[Header].ToString();
        return site.Length > 0 && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase) && !string.Equals(site, "none", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Refuses the endpoint to requests another site started (403, the friendly status page), before it runs.</summary>
    public static TBuilder RefuseFromOtherSites<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            IsFromAnotherSite(context.HttpContext.Request) ? Results.StatusCode(StatusCodes.Status403Forbidden) : await next(context));
}
