using System.Net;
using System.Text.RegularExpressions;

namespace ParentPortal.Tests.TestSupport;

/// <summary>Signs in over plain HTTP through the real OIDC handler and the development provider's login page.</summary>
public static partial class PortalHttpSession
{
    public static async Task<(HttpClient Client, Uri FinalUri)> SignInAsync(PortalFactory portal, string subject, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(portal);
        var client = portal.CreateHttpClient(new CookieContainer());
        var (loginPage, loginUri) = await FollowAsync(client, await client.GetAsync(new Uri("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative)));
        var html = await loginPage.Content.ReadAsStringAsync();
        Assert.True(loginUri.AbsolutePath == "/dev-idp/login", $"expected the provider's login page, got {loginUri}");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenValue(html, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(HiddenValue(html, "returnUrl")),
            ["subject"] = subject,
        });
        var (final, finalUri) = await FollowAsync(client, await client.PostAsync(new Uri("/dev-idp/login", UriKind.Relative), form));
        Assert.True(final.StatusCode == HttpStatusCode.OK, $"sign-in ended at {finalUri} with {(int)final.StatusCode}");
        return (client, finalUri);
    }

    /// <summary>A second family's account on the development provider, for tests where one family tries another's records.</summary>
    public static Dictionary<string, string?> OtherParentAccount() => new()
    {
        ["DevIdentityProvider:Accounts:20:Subject"] = "other-parent",
        ["DevIdentityProvider:Accounts:20:Name"] = "Other Parent",
        ["DevIdentityProvider:Accounts:20:Email"] = "other.parent@example.com",
        ["DevIdentityProvider:Accounts:20:Description"] = "Another family",
    };

    /// <summary>Presses Start on <paramref name="startPath"/> (<c>/apply/new?…</c>) as a browser without scripts does; returns the first question's page.</summary>
    public static async Task<(string Html, Uri Uri)> StartApplicationAsync(HttpClient client, string startPath)
    {
        ArgumentNullException.ThrowIfNull(client);
        var start = await client.GetStringAsync(new Uri(startPath, UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["FormId"] = HiddenValue(start, "FormId"),
            ["__RequestVerificationToken"] = HiddenValue(start, "__RequestVerificationToken"),
            ["_handler"] = "start",
        });
        var (first, uri) = await FollowAsync(client, await client.PostAsync(new Uri(startPath, UriKind.Relative), form));
        using (first)
        {
            return (await first.Content.ReadAsStringAsync(), uri);
        }
    }

    /// <summary>Follows redirects by hand (so each hop's cookies are kept) and returns the last response.</summary>
    public static async Task<(HttpResponseMessage Response, Uri Uri)> FollowAsync(HttpClient client, HttpResponseMessage response, int maxHops = 12)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(response);
        var uri = response.RequestMessage!.RequestUri!;
        for (var hop = 0; hop < maxHops && (int)response.StatusCode is >= 300 and < 400; hop++)
        {
            uri = new Uri(uri, response.Headers.Location!);
            response.Dispose();
            response = await client.GetAsync(uri);
        }

        return (response, uri);
    }

    public static string HiddenValue(string html, string name)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        Assert.True(match.Success, $"no hidden field '{name}' on the page");
        return match.Groups[1].Value;
    }
}
