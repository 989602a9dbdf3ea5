using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Privacy;

/// <summary>The export download over real HTTP, signed in through the real OIDC handler: a manager gets the ZIP; everyone else a 404 and no bytes.</summary>
public sealed class SubjectAccessEndpointTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;
    private Guid _caseId;
    private string _reference = "";

    public async Task InitializeAsync()
    {
        // The real clock: the OpenID provider and the OIDC handler must agree on the time for sign-in to work.
        _portal = new PortalFactory(_database);
        _ = _portal.BaseAddress;
        _caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        _reference = await db.Applications.Where(a => a.Id == _caseId).Select(a => a.Reference!).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Export_ForTheManager_IsAZip_WithSafeHeaders_AndIsAudited()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-manager");

        using var response = await client.GetAsync(new Uri($"/manage/families/{_caseId}/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^subject-access-[A-Z0-9]{4}-[A-Z0-9]{4}-\\d{4}-\\d{2}-\\d{2}\\.zip$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.NotNull(zip.GetEntry(SubjectAccessExport.JsonEntry));

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal("demo-manager", (await db.AuditEntries.SingleAsync(a => a.Action == "subject-access-export")).ActorSubject);
    }

    [Theory]
    [InlineData("demo-parent")]
    [InlineData("demo-parent-2")]
    [InlineData("demo-adviser")]
    [InlineData("demo-mediator")]
    [InlineData("demo-la-officer")]
    [InlineData(null)]
    public async Task Export_ForAnyoneElse_Is404_WithNoBytes(string? subject)
    {
        var client = subject is null ? _portal.CreateHttpClient() : (await PortalHttpSession.SignInAsync(_portal, subject)).Client;

        foreach (var id in new[] { _caseId, Guid.NewGuid() })
        {
            using var response = await client.GetAsync(new Uri($"/manage/families/{id}/export", UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
            Assert.False(body.AsSpan().StartsWith("PK"u8), "the response carried a ZIP");
            Assert.DoesNotContain(_reference, System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        }

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "subject-access-export"));
    }

    [Fact]
    public async Task Export_ForAManager_OfAnApplicationThatDoesNotExist_Is404()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-manager");

        using var response = await client.GetAsync(new Uri($"/manage/families/{Guid.NewGuid()}/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("subject-access-ABCD-2345-2026-11-20.zip", "subject-access-ABCD-2345-2026-11-20.zip")]
    [InlineData("../../etc/passwd", "etc-passwd.zip")]
    [InlineData("a\"b\r\nc.zip", "a-b--c.zip")]
    [InlineData("", "subject-access.zip")]
    public void ZipNames_AreSafeInAHeaderAndAFolder(string name, string expected) => Assert.Equal(expected, PrivacySetup.SafeZipName(name));
}
