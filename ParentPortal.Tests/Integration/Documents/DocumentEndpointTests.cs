using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.Features.Cases;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Documents;

/// <summary>
/// The download endpoint, the document pages and the public verification pages over real HTTP, signed in
/// through the real OIDC handler: the right people get the bytes; everyone else gets 404 and none of them.
/// </summary>
public sealed class DocumentEndpointTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;
    private Guid _caseId;
    private Guid _documentId;
    private CaseDocument _document = null!;

    public async Task InitializeAsync()
    {
        // The real clock: the OpenID provider and the OIDC handler must agree on the time for sign-in to work.
        _portal = new PortalFactory(_database, settings: ExtraAccount("other-adviser", "Noor Adeyemi"));
        _ = _portal.BaseAddress;
        var factory = _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.StaffMembers.Add(new StaffMember { Subject = "other-adviser", DisplayName = "Noor Adeyemi", Roles = [new StaffRole { Role = PortalRoles.Adviser }] });
            await db.SaveChangesAsync();
        }

        _caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        CaseTestData.Succeeded(await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(CaseTestData.Adviser, _caseId));
        CaseTestData.Succeeded(await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(CaseTestData.Adviser, _caseId, SessionChoice.CertificateOnly));
        var issued = await _portal.Services.GetRequiredService<IssueCertificateHandler>().HandleAsync(CaseTestData.Adviser, _caseId);
        Assert.True(issued.Succeeded, issued.Message);
        _documentId = issued.DocumentId!.Value;
        await using var read = await factory.CreateDbContextAsync();
        _document = await read.CaseDocuments.AsNoTracking().SingleAsync(d => d.Id == _documentId);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Download_ForTheFamily_IsTheIssuedPdf_WithSafeHeaders()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");

        using var response = await client.GetAsync(new Uri($"/documents/{_documentId}/download", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^mediation-certificate-[A-Z0-9-]+\\.pdf$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(_document.ContentHash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Theory]
    [InlineData("demo-parent-2")]
    [InlineData("other-adviser")]
    [InlineData("demo-mediator")]
    [InlineData("demo-la-officer")]
    [InlineData(null)]
    public async Task EveryDocumentRoute_ForAnyoneElse_Is404_WithNoBytes(string? subject)
    {
        var client = subject is null ? _portal.CreateHttpClient() : (await PortalHttpSession.SignInAsync(_portal, subject)).Client;

        foreach (var id in new[] { _documentId, Guid.NewGuid() })
        {
            using var response = await client.GetAsync(new Uri($"/documents/{id}/download", UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.False(body.AsSpan().IndexOf("%PDF"u8) >= 0, "the response carried PDF bytes");
        }

        if (subject is null)
        {
            return;
        }

        // The case's pages: a real 404 for a case that is not yours, exactly as for one that does not exist.
        // (Hertfordshire's officer is a party to this case's agreement, so that page is theirs to read.)
        var pages = subject switch
        {
            "demo-parent-2" => new[] { $"/agreements/{_caseId}" },
            "demo-la-officer" => new[] { $"/advisers/cases/{_caseId}/record" },
            _ => new[] { $"/agreements/{_caseId}", $"/advisers/cases/{_caseId}/record" },
        };
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{page} as {subject}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Sam Taylor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignedOut_TheDocumentPagesAskForSignIn_TheSameForARealCaseAndAnInventedOne()
    {
        var client = _portal.CreateHttpClient();

        using var real = await client.GetAsync(new Uri($"/agreements/{_caseId}", UriKind.Relative));
        using var invented = await client.GetAsync(new Uri($"/agreements/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(real.StatusCode, invented.StatusCode);
        Assert.Equal("/dev-idp/connect/authorize", new Uri(_portal.BaseAddress, real.Headers.Location!).AbsolutePath);
        Assert.Equal("/dev-idp/connect/authorize", new Uri(_portal.BaseAddress, invented.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task VerifyPage_ShowsTheDocumentsHash_WithoutNames_AndAcceptsTheCodeInAnyForm()
    {
        var client = _portal.CreateHttpClient();
        var display = VerificationCodes.Display(_document.VerificationCode);

        foreach (var form in new[] { display, display.ToLowerInvariant(), _document.VerificationCode.ToLowerInvariant() })
        {
            using var response = await client.GetAsync(new Uri("/verify/" + form, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("This document is genuine", html, StringComparison.Ordinal);
            Assert.Contains(_document.ContentHash, html, StringComparison.Ordinal);
            Assert.Contains("Mediation certificate", html, StringComparison.Ordinal);
            Assert.Contains(_document.IssuingOrganisation, html, StringComparison.Ordinal);
            foreach (var personal in new[] { "Sam Taylor", "Siân", "O&#x27;Brien", "Hillside", "07700" })
            {
                Assert.DoesNotContain(personal, html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task VerifyPage_ForAWrongCode_IsAClear404_AndTheFormRedirectsToTheQrAddress()
    {
        var client = _portal.CreateHttpClient();

        using var missing = await client.GetAsync(new Uri("/verify/ABCD-EFGH-JKMNP", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.True(missingHtml.Contains("We could not find a document with that code", StringComparison.Ordinal), missingHtml[..Math.Min(missingHtml.Length, 6000)]);

        using var malformed = await client.GetAsync(new Uri("/verify?code=12", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("13 letters and numbers", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var typed = await client.GetAsync(new Uri("/verify?code=" + _document.VerificationCode.ToLowerInvariant(), UriKind.Relative));
        Assert.True((int)typed.StatusCode is >= 300 and < 400, $"expected a redirect, got {(int)typed.StatusCode}");
        Assert.EndsWith("/verify/" + VerificationCodes.Display(_document.VerificationCode), typed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> ExtraAccount(string subject, string name) => new()
    {
        ["DevIdentityProvider:Accounts:7:Subject"] = subject,
        ["DevIdentityProvider:Accounts:7:Name"] = name,
        ["DevIdentityProvider:Accounts:7:Email"] = subject + "@example.org",
        ["DevIdentityProvider:Accounts:7:Description"] = "Another adviser",
    };
}

/// <summary>Guessing verification codes one after another is slowed down: the limiter answers 429 with Retry-After.</summary>
public sealed class VerifyRateLimitTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?> { ["RateLimits:VerifyPerMinute"] = "5" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task RepeatedGuesses_AreRateLimited_WithAKindPage()
    {
        var client = _portal.CreateHttpClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.GetAsync(new Uri($"/verify/ABCD-EFGH-JKM{i}P".Replace("0", "2", StringComparison.Ordinal).Replace("1", "3", StringComparison.Ordinal), UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
                Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
    }
}
