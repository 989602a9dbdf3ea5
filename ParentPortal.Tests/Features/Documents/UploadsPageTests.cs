using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// The upload page over real HTTP (a plain multipart form: no script, antiforgery checked), with the real ClamAV daemon:
/// a file is added and downloaded as an attachment; a refused file re-shows the page with the reason; a post larger than
/// a file may be is turned away from its Content-Length before the body is read.
/// </summary>
public sealed class UploadsPageTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;
    private Guid _caseId;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: (await ClamAvDaemon.SharedAsync()).Settings);
        _ = _portal.BaseAddress;
        _caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Uri Page => new($"/applications/{_caseId}/documents", UriKind.Relative);

    [Fact]
    public async Task AFamilyUploadsWithAPlainForm_AndDownloadsTheFileAsAnAttachment()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");

        using var posted = await PostFileAsync(client, "decision letter.pdf", UploadSamples.Pdf("decision"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.EndsWith($"/applications/{_caseId}/documents?done=added", posted.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await client.GetStringAsync(new Uri(Page + "?done=added", UriKind.Relative));
        Assert.Contains("Your file has been added.", page, StringComparison.Ordinal);
        Assert.Contains("decision letter.pdf", page, StringComparison.Ordinal);

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var id = await db.CaseUploads.Where(u => u.ApplicationId == _caseId).Select(u => u.Id).SingleAsync();
        using var download = await client.GetAsync(new Uri($"/uploads/{id}/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("decision-letter.pdf", download.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(UploadSamples.Pdf("decision"), await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ARefusedFile_ReShowsThePage_WithTheReasonInTheErrorSummary_AndNothingKept()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");

        using var posted = await PostFileAsync(client, "report.pdf", UploadSamples.PdfWithEicar());

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Our virus check found a problem with this file, so we have not kept it.", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: Your documents</title>", html, StringComparison.Ordinal);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task APostLargerThanAFileMayBe_IsTurnedAwayFromItsLength_WithAMessage()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");

        using var posted = await PostFileAsync(client, "huge.pdf", new byte[25 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.EndsWith("?problem=too-large", posted.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await client.GetStringAsync(posted.Headers.Location);
        Assert.Contains("The file must be smaller than 20 MB", page, StringComparison.Ordinal);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndAnotherParentGets404()
    {
        var (client, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent");
        using var content = Form(null, "a.pdf", UploadSamples.Pdf());
        using var refused = await client.PostAsync(Page, content);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var (other, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent-2");
        using var notFound = await other.GetAsync(Page);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        await AssertNothingKeptAsync();
    }

    private async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string name, byte[] content)
    {
        var html = await client.GetStringAsync(Page);
        using var form = Form(PortalHttpSession.HiddenValue(html, "__RequestVerificationToken"), name, content);
        return await client.PostAsync(Page, form);
    }

    private static MultipartFormDataContent Form(string? token, string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        form.Add(new StringContent("upload"), "_handler");
        form.Add(new StringContent("DecisionLetter"), "Kind");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "File", name);
        return form;
    }

    private async Task AssertNothingKeptAsync()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.CaseUploads.AnyAsync());
    }
}
