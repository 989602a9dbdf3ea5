using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.Features.Cases;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Security;

/// <summary>
/// Issue 12 item 10: the GETs that write the audit log (a document download, the report export, a family's records
/// export) cannot be started by another site: a page elsewhere linking to them gets 403 and writes nothing. Failed
/// before: any site could make a signed-in adviser's browser download (and log) a family's certificate.
/// </summary>
public sealed class CrossSiteGetsTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;
    private Guid _caseId;
    private Guid _documentId;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
        _ = _portal.BaseAddress;
        _caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        CaseTestData.Succeeded(await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(CaseTestData.Adviser, _caseId));
        CaseTestData.Succeeded(await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(CaseTestData.Adviser, _caseId, SessionChoice.CertificateOnly));
        var issued = await _portal.Services.GetRequiredService<IssueCertificateHandler>().HandleAsync(CaseTestData.Adviser, _caseId);
        Assert.True(issued.Succeeded, issued.Message);
        _documentId = issued.DocumentId!.Value;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "demo-adviser", "/documents/{document}/download" },
        { "demo-manager", "/manage/reports.csv" },
        { "demo-manager", "/manage/families/{case}/export" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task StartedByAnotherSite_IsRefused_AndLogsNothing_FromThisSiteOrTheAddressBar_Works(string subject, string route)
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, subject);
        var path = new Uri(route.Replace("{document}", _documentId.ToString(), StringComparison.Ordinal).Replace("{case}", _caseId.ToString(), StringComparison.Ordinal), UriKind.Relative);
        var before = await AuditCountAsync();

        foreach (var otherSite in new[] { "cross-site", "same-site" })
        {
            using var refused = await GetAsync(client, path, otherSite);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("attachment", refused.Content.Headers.ContentDisposition?.DispositionType ?? "", StringComparison.Ordinal);
        }

        Assert.Equal(before, await AuditCountAsync());
        foreach (var ownSite in new[] { "same-origin", "none", null })
        {
            using var allowed = await GetAsync(client, path, ownSite);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        Assert.True(await AuditCountAsync() > before);
        client.Dispose();
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri path, string? site)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        return await client.SendAsync(request);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(e => e.Action != "case-viewed");
    }
}
