using System.Security.Cryptography;

namespace ParentPortal.Platform.Security;

/// <summary>
/// Security headers on every response (pages, errors, downloads, the API), written as the response starts so that
/// the exception handler's and status code pages' re-executions keep them.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, string contentSecurityPolicy)
{
    private const string NonceKey = "ParentPortal.CspNonce";

    /// <summary>
    /// Scripts come from this site only, plus inline ones carrying this request's nonce (the import map Blazor
    /// writes into the page). Styles allow inline: MudBlazor writes its theme as a style element and positions
    /// popovers with style attributes. Blazor's WebSocket goes back to this site, which 'self' covers.
    /// </summary>
    public static string ContentSecurityPolicy(string? signInAuthority)
    {
        // A form post to /account/logout is redirected to the provider's end-session address, and form-action
        // applies to where a form's redirects lead too.
        var formAction = "'self'";
        if (Uri.TryCreate(signInAuthority, UriKind.Absolute, out var authority) && authority.Scheme is "https" or "http")
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return "default-src 'self'; script-src 'self' {nonce}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; frame-src 'none'; form-action " + formAction;
    }

    /// <summary>This request's script nonce, for the few inline scripts the portal writes (App.razor's import map).</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(NonceKey, out var value) && value is string nonce)
        {
            return nonce;
        }

        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    private const string OwnPolicyKey = "ParentPortal.OwnContentSecurityPolicy";

    /// <summary>This response carries <paramref name="policy"/> instead of the site's (for content that is not the portal's own).</summary>
    public static void UseStricterPolicy(HttpContext context, string policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[OwnPolicyKey] = policy;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nonce = Nonce(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A download of someone's uploaded file asks for a stricter one of its own (sandbox, nothing loads).
            headers.ContentSecurityPolicy = context.Items[OwnPolicyKey] as string ?? contentSecurityPolicy.Replace("{nonce}", $"'nonce-{nonce}'", StringComparison.Ordinal);

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";

            // What a signed-in person sees is theirs alone: no browser or proxy keeps a copy. Responses that say
            // how they may be cached (fingerprinted static files, downloads) keep their own rule.
            if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
