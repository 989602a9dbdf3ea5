using Microsoft.AspNetCore.DataProtection;

namespace ParentPortal.Components.Shared;

/// <summary>
/// Post-redirect-get for a server-rendered form whose outcome is a sentence ("You have a place on …"): the handler's
/// message rides to the next page in a cookie that lives two minutes, protected so that nobody else can plant words on our page, and
/// is read once. Nothing personal goes in it (the page's own texts only), and never in the address.
/// </summary>
public sealed class FlashMessage(IDataProtectionProvider provider)
{
    private const string CookieName = "pp-flash";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly IDataProtector _protector = provider.CreateProtector("ParentPortal.Flash.v1");

    /// <summary>Keeps <paramref name="message"/> for the page the response redirects to (at <paramref name="path"/>).</summary>
    public void Set(HttpContext context, string path, bool succeeded, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = _protector.Protect((succeeded ? "1" : "0") + message);
        context.Response.Cookies.Append(CookieName, value, Options(context, path));
    }

    /// <summary>The message kept for this page, if any, and forgets it so that a refresh does not show it again.</summary>
    public (bool Succeeded, string Message)? Take(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Delete(CookieName, Options(context, path));
        }

        try
        {
            var text = _protector.Unprotect(value);
            return text.Length < 2 ? null : (text[0] == '1', text[1..]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Tampered with, or from keys since rotated: there is simply no message.
            return null;
        }
    }

    private static CookieOptions Options(HttpContext context, string path) => new()
    {
        Path = path,
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = Lifetime,
    };
}
