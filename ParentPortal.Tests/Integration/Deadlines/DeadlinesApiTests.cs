using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Features.Admin.BankHolidays;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Deadlines;

/// <summary>
/// GET /api/deadlines against the running portal. The expected dates were worked out by hand from a
/// printed 2026-2027 calendar and GOV.UK's bank holiday list, not by the portal's code.
/// </summary>
public sealed class DeadlinesApiTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
        _client = _portal.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    // Letter Fri 13 Mar 2026: 2 months is Wed 13 May, a working day.
    [InlineData("decisionLetterSent=2026-03-13", "contactMediationAdviserBy", "2026-05-13")]
    [InlineData("decisionLetterSent=2026-03-13", "appealBy", "2026-05-13")]
    // Letter 31 Dec 2025: 2 months is the last day of February, Sat 28 Feb 2026. The adviser date does not move;
    // the appeal period ends on a non-working day, so it moves to Mon 2 Mar.
    [InlineData("decisionLetterSent=2025-12-31", "contactMediationAdviserBy", "2026-02-28")]
    [InlineData("decisionLetterSent=2025-12-31", "appealBy", "2026-03-02")]
    // Letter 10 Jun 2026: the period ends in August (Mon 10 Aug), so the appeal is due on the first working day
    // after 31 Aug; 31 Aug 2026 is itself the summer bank holiday, and Tue 1 Sep is the answer.
    [InlineData("decisionLetterSent=2026-06-10", "appealBy", "2026-09-01")]
    // Letter 27 Oct 2026: the period ends Sun 27 Dec, inside 25 Dec - 1 Jan, so the first working day after
    // 1 Jan 2027: Sat 2 Jan is not, Mon 4 Jan is.
    [InlineData("decisionLetterSent=2026-10-27", "appealBy", "2027-01-04")]
    // Certificate Fri 20 Mar 2026 + 1 month = Mon 20 Apr, later than the letter's 5 Mar.
    [InlineData("decisionLetterSent=2026-01-05&certificateIssued=2026-03-20", "appealBy", "2026-04-20")]
    // Told Wed 23 Dec 2026: Thu 24 (1), Fri 25 Christmas, Mon 28 (Boxing Day substitute), Tue 29 (2), Wed 30 (3).
    [InlineData("certificateTriggeredOn=2026-12-23", "certificateDueBy", "2026-12-30")]
    // Told Thu 2 Apr 2026: Good Friday 3 Apr and Easter Monday 6 Apr are not working days: Tue 7, Wed 8, Thu 9.
    [InlineData("certificateTriggeredOn=2026-04-02", "certificateDueBy", "2026-04-09")]
    // LA told Sat 31 Jan 2026 + 30 days = Mon 2 Mar.
    [InlineData("laToldOfMediationOn=2026-01-31", "mediationHeldBy", "2026-03-02")]
    // Health or social care issues: the integrated care board within 3 working days of the LA being told. Told Wed 23 Dec
    // 2026: Thu 24 (1), Fri 25 Christmas, Mon 28 (Boxing Day substitute), Tue 29 (2), Wed 30 (3).
    [InlineData("laToldOfMediationOn=2026-12-23&healthIssues=true", "healthBodiesToldBy", "2026-12-30")]
    // Told Thu 2 Apr 2026: Good Friday and Easter Monday are not working days: Tue 7, Wed 8, Thu 9 Apr.
    [InlineData("laToldOfMediationOn=2026-04-02&healthIssues=true", "healthBodiesToldBy", "2026-04-09")]
    // Annual review on Mon 16 Mar 2026 (SEND Regulations 2014 reg 20): invitations and advice 2 weeks before, the report
    // within 2 weeks after, the local authority's decision within 4 weeks.
    [InlineData("annualReviewMeetingOn=2026-03-16", "annualReviewInviteBy", "2026-03-02")]
    [InlineData("annualReviewMeetingOn=2026-03-16", "annualReviewAdviceBy", "2026-03-02")]
    [InlineData("annualReviewMeetingOn=2026-03-16", "annualReviewReportBy", "2026-03-30")]
    [InlineData("annualReviewMeetingOn=2026-03-16", "laReviewDecisionBy", "2026-04-13")]
    // A decision due on Sunday 24 Jan 2027 stays there: calendar days, the local authority acts.
    [InlineData("annualReviewMeetingOn=2026-12-27", "laReviewDecisionBy", "2027-01-24")]
    // Draft plan sent Mon 2 Mar 2026 (reg 13(1)(a)): 15 days beginning with that day end on Mon 16 Mar.
    [InlineData("draftPlanSentOn=2026-03-02", "draftPlanCommentsBy", "2026-03-16")]
    [InlineData("decisionLetterSent=2026-03-13&draftPlanSentOn=2026-03-02", "draftPlanCommentsBy", "2026-03-16")]
    public async Task WorkedExamples_AgreeWithTheEndpoint(string query, string field, string expected)
    {
        var json = await GetJsonAsync(query, HttpStatusCode.OK);

        Assert.Equal(expected, json.GetProperty(field).GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("reasons").GetProperty(field).GetString()));
    }

    [Fact]
    public async Task Deadlines_WhoseDatesAreMissing_AreNull()
    {
        var json = await GetJsonAsync("decisionLetterSent=2026-03-13", HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, json.GetProperty("certificateDueBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("mediationHeldBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("healthBodiesToldBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("annualReviewInviteBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("laReviewDecisionBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("draftPlanCommentsBy").ValueKind);
        Assert.False(json.GetProperty("reasons").TryGetProperty("certificateDueBy", out _));
    }

    [Fact]
    public async Task ContactDate_OnAWeekend_SaysSoInItsWarnings()
    {
        var json = await GetJsonAsync("decisionLetterSent=2025-12-31", HttpStatusCode.OK);

        var warnings = json.GetProperty("warnings").GetProperty("contactMediationAdviserBy").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains(warnings, w => w!.Contains("Saturday", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "decisionLetterSent")]
    [InlineData("unrelated=1", "decisionLetterSent")]
    [InlineData("decisionLetterSent=2026-02-30", "decisionLetterSent")]
    [InlineData("decisionLetterSent=13/03/2026", "decisionLetterSent")]
    [InlineData("decisionLetterSent=tomorrow", "decisionLetterSent")]
    [InlineData("decisionLetterSent=1899-01-01", "decisionLetterSent")]
    [InlineData("certificateIssued=2026-03-20", "decisionLetterSent")]
    [InlineData("decisionLetterSent=2026-03-13&certificateIssued=2026-03-12", "certificateIssued")]
    [InlineData("decisionLetterSent=2026-03-13&decisionLetterSent=2026-03-14", "decisionLetterSent")]
    [InlineData("certificateTriggeredOn=2026-13-01", "certificateTriggeredOn")]
    [InlineData("laToldOfMediationOn=2026-1-5", "laToldOfMediationOn")]
    [InlineData("healthIssues=true", "laToldOfMediationOn")]
    [InlineData("annualReviewMeetingOn=2026-02-30", "annualReviewMeetingOn")]
    [InlineData("annualReviewMeetingOn=2100-01-01", "annualReviewMeetingOn")]
    [InlineData("draftPlanSentOn=02/03/2026", "draftPlanSentOn")]
    [InlineData("decisionLetterSent=2026-03-13&healthIssues=true", "laToldOfMediationOn")]
    [InlineData("laToldOfMediationOn=2026-01-31&healthIssues=maybe", "healthIssues")]
    public async Task BadQueries_Get400_WithProblemDetailsNamingTheParameter(string query, string parameter)
    {
        using var response = await _client.GetAsync(new Uri("/api/deadlines?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var messages = body.RootElement.GetProperty("errors").GetProperty(parameter);
        Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
        Assert.Contains(parameter, body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportingABankHoliday_MovesTheDeadline_WithoutARestart()
    {
        const string query = "decisionLetterSent=2026-03-13";
        Assert.Equal("2026-05-13", (await GetJsonAsync(query, HttpStatusCode.OK)).GetProperty("appealBy").GetString());
        var manager = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "demo-manager"), new Claim(PortalRoles.ClaimType, PortalRoles.Manager)], "test", "name", PortalRoles.ClaimType));

        var result = await _portal.Services.GetRequiredService<ImportBankHolidaysHandler>()
            .HandleAsync(manager, "bank-holidays.json", BankHolidayFiles.ShippedPlusOneOff(new DateOnly(2026, 5, 13)));

        Assert.True(result.Succeeded, result.Message);
        var after = await GetJsonAsync(query, HttpStatusCode.OK);
        Assert.Equal("2026-05-14", after.GetProperty("appealBy").GetString());
        Assert.Contains("Extra bank holiday for testing", after.GetProperty("reasons").GetProperty("appealBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEndpoint_MayBeCalledFromAnySite()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/deadlines?decisionLetterSent=2026-03-13");
        request.Headers.Add("Origin", "https://another-service.example");

        using var response = await _client.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task UnknownApiRoutes_AreA404WithoutAnHtmlPage()
    {
        using var response = await _client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonElement> GetJsonAsync(string query, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(new Uri("/api/deadlines?" + query, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
