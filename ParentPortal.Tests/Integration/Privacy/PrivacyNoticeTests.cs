using System.Net;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Privacy;

/// <summary>The privacy notice tells families the retention periods the portal is actually configured with.</summary>
public sealed class PrivacyNoticeTests
{
    [Fact]
    public async Task PrivacyNotice_ListsTheConfiguredRetentionPeriods_InWordsPeopleUse()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database, settings: new Dictionary<string, string?>
        {
            ["Retention:ClosedCases"] = "1461.00:00:00",
            ["Retention:OutboxContent"] = "14.00:00:00",
            ["Applications:DraftRetention"] = "183.00:00:00",
        });
        using var client = portal.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("/privacy", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("4 years after the case closed", html, StringComparison.Ordinal);
        Assert.Contains("6 months after you last changed it", html, StringComparison.Ordinal);
        Assert.Contains("<td>14 days</td>", html, StringComparison.Ordinal);
        Assert.Contains("6 years after the session", html, StringComparison.Ordinal);
        Assert.Contains("the local authority is not told", html, StringComparison.Ordinal);
    }
}
