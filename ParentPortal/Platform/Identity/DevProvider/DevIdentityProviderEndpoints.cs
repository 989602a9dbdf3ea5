using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ParentPortal.Platform.Identity.DevProvider;

public static class DevIdentityProviderEndpoints
{
    public static WebApplication MapDevIdentityProvider(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue(DevIdentityProviderSetup.ConfigurationKey, false) ||
            !DevIdentityProviderSetup.IsAllowedIn(app.Environment))
        {
            return app;
        }

        var group = app.MapGroup(DevIdentityProviderSetup.PathPrefix).AllowAnonymous();
        group.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        group.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
        group.MapGet("/login", LoginPage);
        group.MapPost("/login", SignInAsync).RequireRateLimiting(AuthenticationSetup.SignInRateLimit);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IOptions<DevIdentityProviderOptions> options)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await context.AuthenticateAsync(DevIdentityProviderSetup.CookieScheme);
        var account = session.Succeeded ? Find(options.Value, session.Principal.FindFirstValue(Claims.Subject)) : null;
        if (account is null || request.HasPromptValue(PromptValues.Login))
        {
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryStringWithoutPrompt(context.Request) },
                [DevIdentityProviderSetup.CookieScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Subject)
            .SetClaim(Claims.Name, account.Name)
            .SetClaim(Claims.Email, account.Email);
        if (account.Roles.Count > 0)
        {
            // Some real providers send roles of their own; the portal must ignore them (its roles are in its own table).
            identity.SetClaims(Claims.Role, [.. account.Roles]);
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        // Ends the provider's own session too, so the next sign-in asks again who you are.
        await context.SignOutAsync(DevIdentityProviderSetup.CookieScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, IOptions<DevIdentityProviderOptions> options, string? returnUrl)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(RenderLoginPage(options.Value, SafeReturnUrl(returnUrl), tokens), "text/html; charset=utf-8");
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IOptions<DevIdentityProviderOptions> options, [FromForm] string? subject, [FromForm] string? returnUrl)
    {
        var account = Find(options.Value, subject);
        if (account is null)
        {
            return Results.Redirect(DevIdentityProviderSetup.PathPrefix + "/login?returnUrl=" + Uri.EscapeDataString(SafeReturnUrl(returnUrl)));
        }

        var identity = new ClaimsIdentity(
            [new Claim(Claims.Subject, account.Subject), new Claim(Claims.Name, account.Name)],
            DevIdentityProviderSetup.CookieScheme);
        await context.SignInAsync(DevIdentityProviderSetup.CookieScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(SafeReturnUrl(returnUrl));
    }

    private static DevAccount? Find(DevIdentityProviderOptions options, string? subject) =>
        string.IsNullOrEmpty(subject) ? null : options.Accounts.FirstOrDefault(a => a.Subject == subject);

    /// <summary>The login page only ever sends people back into this provider's authorize endpoint.</summary>
    private static string SafeReturnUrl(string? returnUrl)
    {
        var local = LocalReturnUrl.Sanitize(returnUrl);
        return local.StartsWith(DevIdentityProviderSetup.PathPrefix + "/connect/authorize", StringComparison.Ordinal) ? local : "/";
    }

    private static string QueryStringWithoutPrompt(HttpRequest request)
    {
        var pairs = request.HasFormContentType
            ? request.Form.Select(p => (p.Key, Value: p.Value.ToString()))
            : request.Query.Select(p => (p.Key, Value: p.Value.ToString()));
        return QueryString.Create(pairs.Where(p => p.Key != Parameters.Prompt).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).ToString();
    }

    private static string RenderLoginPage(DevIdentityProviderOptions options, string returnUrl, AntiforgeryTokenSet tokens)
    {
        var html = HtmlEncoder.Default;
        var buttons = new StringBuilder();
        foreach (var account in options.Accounts)
        {
            buttons.Append("<li><button type=\"submit\" name=\"subject\" value=\"").Append(html.Encode(account.Subject)).Append("\">")
                .Append("Sign in as ").Append(html.Encode(account.Name))
                .Append(" <span class=\"role\">(").Append(html.Encode(account.Description)).Append(")</span></button></li>");
        }

        return $$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in - development sign-in service</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f7; color: #1b2327; line-height: 1.5; }
            header { background: #3a3f45; color: #fff; padding: 0.75rem 1.5rem; }
            main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
            .notice { border-left: 6px solid #8a5a00; background: #fff7e6; padding: 0.75rem 1rem; }
            ul { list-style: none; padding: 0; }
            li { margin: 0.5rem 0; }
            button { font: inherit; width: 100%; text-align: left; padding: 0.75rem 1rem; border: 2px solid #1f5c8b; background: #fff; color: #1f5c8b; border-radius: 6px; cursor: pointer; }
            button:hover { background: #e8f1f8; }
            button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
            .role { color: #3f4a50; }
            fieldset { border: 0; padding: 0; margin: 0; }
            legend { font-weight: 600; font-size: 1.15rem; }
            </style>
            </head>
            <body>
            <header><p style="margin:0">Development sign-in service</p></header>
            <main>
            <h1>Sign in</h1>
            <p class="notice">This sign-in service only runs on a developer's machine and in tests. It stands in for GOV.UK One Login or your organisation's own sign-in, and asks for no password.</p>
            <form method="post" action="{{DevIdentityProviderSetup.PathPrefix}}/login">
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
            <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
            <fieldset>
            <legend>Choose a demo account</legend>
            <ul>{{buttons}}</ul>
            </fieldset>
            </form>
            </main>
            </body>
            </html>
            """;
    }
}
