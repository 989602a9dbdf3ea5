using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Reports;

/// <summary>One real portal (real sign-in, real database) for the report's HTTP boundary tests.</summary>
public sealed class ReportsPortal : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public PortalFactory Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Portal = new PortalFactory(_database);
        Portal.StartServer();
        await using var db = await DbAsync();
        await ReportTestData.SeedAsync(db);
    }

    public Task<PortalDbContext> DbAsync() => Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class ReportsEndpointTests(ReportsPortal fixture) : IClassFixture<ReportsPortal>
{
    private const string CsvAddress = "/manage/reports.csv?from=2026-01-01&to=2026-06-30";

    [Theory]
    [InlineData("demo-adviser")]
    [InlineData("demo-mediator")]
    [InlineData("demo-la-officer")]
    [InlineData("demo-parent")]
    [InlineData("demo-young-person")]
    public async Task Csv_ForAnyoneButAManager_IsNotFound_AndNotAudited(string subject)
    {
        var (client, _) = await PortalHttpSession.SignInAsync(fixture.Portal, subject);
        using var _client = client;

        using var response = await client.GetAsync(new Uri(CsvAddress, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Section,Item", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await fixture.DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ActorSubject == subject && a.Action == "report-exported"));
    }

    [Fact]
    public async Task Csv_SignedOut_IsSentToSignIn_NotGivenTheFile()
    {
        using var client = fixture.Portal.CreateHttpClient();

        using var response = await client.GetAsync(new Uri(CsvAddress, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("reports.csv", response.Headers.Location!.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        Assert.DoesNotContain("Section,Item", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ForAManager_IsAnUncachedUtf8Attachment_AndTheExportIsAudited()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(fixture.Portal, "demo-manager");
        using var _client = client;

        using var response = await client.GetAsync(new Uri(CsvAddress, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"report-2026-01-01-to-2026-06-30.csv\"", string.Join(",", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("Calls,All calls,,12,,\r\n", text, StringComparison.Ordinal);

        await using var db = await fixture.DbAsync();
        var audit = await db.AuditEntries.Where(a => a.ActorSubject == "demo-manager" && a.Action == "report-exported").ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal("report", entry.TargetType);
        Assert.Equal("from 2026-01-01 to 2026-06-30", entry.Detail);
    }

    [Fact]
    public async Task Csv_WithAPeriodThatIsNotAllowed_SaysWhy_AndExportsNothing()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(fixture.Portal, "demo-manager");
        using var _client = client;

        using var response = await client.GetAsync(new Uri("/manage/reports.csv?from=2026-07-01&to=2026-02-30", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The end date must be a real date", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("demo-adviser")]
    [InlineData("demo-la-officer")]
    [InlineData("demo-parent")]
    public async Task Page_ForAnyoneButAManager_ShowsNoFigures(string subject)
    {
        var (client, _) = await PortalHttpSession.SignInAsync(fixture.Portal, subject);
        using var _client = client;

        using var response = await client.GetAsync(new Uri("/manage/reports?from=2026-01-01&to=2026-06-30", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Calls to the helpline", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ForAManager_ShowsTheFigures_WithoutJavaScript()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(fixture.Portal, "demo-manager");
        using var _client = client;

        var html = await client.GetStringAsync(new Uri("/manage/reports?from=2026-01-01&to=2026-06-30", UriKind.Relative));

        Assert.Contains("Calls to the helpline", html, StringComparison.Ordinal);
        Assert.Contains(">12</strong> calls in the period", html, StringComparison.Ordinal);
        Assert.Contains("manage/reports.csv?from=2026-01-01&amp;to=2026-06-30", html, StringComparison.Ordinal);
    }
}
