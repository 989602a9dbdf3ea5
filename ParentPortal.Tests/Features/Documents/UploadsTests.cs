using System.IO.Compression;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Files;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 14 item 3: files on a case, through the real handler, the real ClamAV daemon (with the suite's EICAR signature) and
/// the portal's Data Protection keys: what is kept, who may open it, what is refused (and then nothing is kept), and that
/// subject access and erasure cover them.
/// </summary>
public sealed class UploadsTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    private UploadsHandler Uploads => _host.Get<UploadsHandler>();

    public async Task InitializeAsync()
    {
        var clamd = await ClamAvDaemon.SharedAsync();
        _host = await ApplicationsHost.StartAsync(settings: clamd.Settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AFamilysCleanPdf_IsKeptEncrypted_AndOpensOnlyForTheFamilyAndTheStaffOnTheCase()
    {
        var id = await SenCaseAsync(_host);
        var pdf = UploadSamples.Pdf("The local authority's decision");

        var added = await AddAsync(Sam, id, UploadKind.DecisionLetter, "decision letter.pdf", pdf);

        Assert.True(added!.Succeeded, added.Message);
        await using (var db = await _host.DbAsync())
        {
            var row = await db.CaseUploads.AsNoTracking().SingleAsync(u => u.ApplicationId == id);
            Assert.Equal(("decision letter.pdf", "application/pdf", (long)pdf.Length, false), (row.FileName, row.ContentType, row.Size, row.ByStaff));
            Assert.Equal(-1, row.SealedContent.AsSpan().IndexOf("The local authority's decision"u8));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), row.ContentHash);
            Assert.Contains(await db.CaseEvents.Where(e => e.ApplicationId == id).Select(e => e.Kind).ToListAsync(), k => k == "file-uploaded");
        }

        var upload = Assert.Single((await Uploads.GetAsync(Sam, id, asStaff: false))!.Files);
        Assert.Equal(("You", true), (upload.UploadedBy, upload.MayRemove));
        Assert.Equal(pdf, (await Uploads.DownloadAsync(Sam, upload.Id))!.Content);

        // Nobody else, until they are on the case.
        foreach (var stranger in new[] { Lukasz, Adviser, Mediator, HertsOfficer, BedsOfficer })
        {
            Assert.Null(await Uploads.DownloadAsync(stranger, upload.Id));
        }

        Assert.Null(await Uploads.GetAsync(Lukasz, id, asStaff: false));
        Assert.Null(await Uploads.GetAsync(Sam, id, asStaff: true));
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Assert.Equal(pdf, (await Uploads.DownloadAsync(Adviser, upload.Id))!.Content);
        Assert.Equal(pdf, (await Uploads.DownloadAsync(Manager, upload.Id))!.Content);
        Assert.Null(await Uploads.DownloadAsync(OtherAdviser, upload.Id));
        await using (var db = await _host.DbAsync())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "upload-downloaded" && a.TargetId == upload.Id.ToString()));
        }
    }

    [Fact]
    public async Task TheLocalAuthority_SeesOnlyTheFilesTheFamilyAgreedToShare()
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["consent"] = new() { ["consent-contact"] = "local-authority", ["consent-share"] = "everything" };
        var id = await SubmitAsync(_host, Sam, pages);

        Assert.True((await AddAsync(Sam, id, UploadKind.EhcPlan, "plan.pdf", UploadSamples.Pdf("plan"), share: true))!.Succeeded);
        Assert.True((await AddAsync(Sam, id, UploadKind.Report, "therapist.pdf", UploadSamples.Pdf("private report")))!.Succeeded);

        var officerSees = (await Uploads.GetAsync(HertsOfficer, id, asStaff: true))!;
        var shared = Assert.Single(officerSees.Files);
        Assert.Equal("plan.pdf", shared.FileName);
        Assert.False(officerSees.MayAdd);
        Assert.NotNull(await Uploads.DownloadAsync(HertsOfficer, shared.Id));
        var notShared = (await Uploads.GetAsync(Sam, id, asStaff: false))!.Files.Single(f => f.FileName == "therapist.pdf");
        Assert.Null(await Uploads.DownloadAsync(HertsOfficer, notShared.Id));
        Assert.Null(await Uploads.DownloadAsync(BedsOfficer, shared.Id));
        Assert.False((await AddAsync(HertsOfficer, id, UploadKind.Other, "x.pdf", UploadSamples.Pdf(), asStaff: true))!.Succeeded);
    }

    [Fact]
    public async Task TheEicarTestFile_IsFoundByTheDaemon_AndNothingIsKept()
    {
        var id = await SenCaseAsync(_host);

        var refused = await AddAsync(Sam, id, UploadKind.Report, "report.pdf", UploadSamples.PdfWithEicar());

        Assert.False(refused!.Succeeded);
        Assert.StartsWith("Our virus check found a problem with this file, so we have not kept it.", refused.Message, StringComparison.Ordinal);
        await AssertNothingKeptAsync(id);
        await using var db = await _host.DbAsync();
        Assert.True(await db.CaseEvents.AnyAsync(e => e.ApplicationId == id && e.Kind == "upload-refused-by-virus-check"));

        // The daemon itself, with the bare test file.
        var scan = await _host.Get<IVirusScanner>().ScanAsync(System.Text.Encoding.ASCII.GetBytes(ClamAvDaemon.Eicar), CancellationToken.None);
        Assert.Equal(ScanOutcome.Infected, scan.Outcome);
        Assert.StartsWith("Portal.Test.EICAR", scan.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileUploads_AreRefusedKindly_AndNothingIsKept()
    {
        var id = await SenCaseAsync(_host);
        var hostile = new (string Name, byte[] Content, string Message)[]
        {
            ("letter.pdf", UploadSamples.Executable(), "This file is called a PDF but it is not one"),
            ("letter.pdf", UploadSamples.PdfWithScript(), "This PDF contains scripts"),
            ("letter.pdf", UploadSamples.PdfWithCompressedScript(), "This PDF contains scripts"),
            ("report.docx", UploadSamples.DocxBomb(), "This file is not a Word document we can open"),
            ("empty.pdf", [], "The file you chose is empty"),
            ("../../letter.pdf", UploadSamples.Pdf(), "The file's name has characters we cannot accept"),
            ("IMG_0001.heic", UploadSamples.Heic(), "We cannot take HEIC photos"),
        };

        foreach (var (name, content, message) in hostile)
        {
            var result = await AddAsync(Sam, id, UploadKind.Report, name, content);
            Assert.False(result!.Succeeded, name);
            Assert.StartsWith(message, result.Message, StringComparison.Ordinal);
            Assert.Equal("file", result.Field);
        }

        Assert.Equal("kind", (await AddAsync(Sam, id, null, "a.pdf", UploadSamples.Pdf()))!.Field);
        Assert.Equal("kind", (await AddAsync(Sam, id, (UploadKind)99, "a.pdf", UploadSamples.Pdf()))!.Field);
        await AssertNothingKeptAsync(id);
    }

    [Fact]
    public async Task AFileOverTheLimit_IsRefusedFromItsDeclaredSize_BeforeItIsRead()
    {
        var id = await SenCaseAsync(_host);
        var limit = Uploads.Limits.MaxFileBytes;

        var result = await Uploads.AddAsync(Sam, id, asStaff: false, UploadKind.Report, "huge.pdf", limit + 1,
            () => throw new InvalidOperationException("the file was read"), shareWithLocalAuthority: false);

        Assert.Equal("The file must be smaller than 20 MB", result!.Message);

        // A declared size that lies is caught while reading, at the limit.
        var lying = await Uploads.AddAsync(Sam, id, asStaff: false, UploadKind.Report, "huge.pdf", 10,
            () => new MemoryStream(new byte[limit + 10]), shareWithLocalAuthority: false);
        Assert.Equal("The file must be smaller than 20 MB", lying!.Message);
        await AssertNothingKeptAsync(id);
    }

    [Fact]
    public async Task ACase_HoldsUpToItsLimit()
    {
        await using var host = await ApplicationsHost.StartAsync(settings: new Dictionary<string, string?>((await ClamAvDaemon.SharedAsync()).Settings)
        {
            ["Uploads:MaxCaseBytes"] = "1500",
        });
        var id = await SenCaseAsync(host);
        var uploads = host.Get<UploadsHandler>();
        var pdf = UploadSamples.Pdf();

        Assert.True((await uploads.AddAsync(Sam, id, false, UploadKind.Report, "one.pdf", pdf.Length, () => new MemoryStream(pdf), false))!.Succeeded);
        var second = await uploads.AddAsync(Sam, id, false, UploadKind.Report, "two.pdf", pdf.Length * 2, () => new MemoryStream([.. pdf, .. pdf]), false);

        Assert.StartsWith("A case can hold up to 1 KB of files", second!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheScannerCannotBeReached_TheFileIsNotKept_AndTheFamilyIsToldToTryAgain()
    {
        await using var host = await ApplicationsHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Uploads:ClamAvPort"] = PortalFactory.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var id = await SenCaseAsync(host);
        var pdf = UploadSamples.Pdf();

        var result = await host.Get<UploadsHandler>().AddAsync(Sam, id, false, UploadKind.Report, "a.pdf", pdf.Length, () => new MemoryStream(pdf), false);

        Assert.Equal("We could not check this file for viruses just now, so we have not kept it. Please try again in a few minutes.", result!.Message);
        await using var db = await host.DbAsync();
        Assert.False(await db.CaseUploads.AnyAsync());
    }

    [Fact]
    public async Task StaffAddAPaperAgreement_TheFamilyCanOpenIt_ButNotRemoveIt_AndAClosedCaseTakesNoMore()
    {
        var id = await SenCaseAsync(_host);
        Assert.Null(await AddAsync(Adviser, id, UploadKind.PaperAgreement, "agreement.pdf", UploadSamples.Pdf(), asStaff: true) is { Succeeded: true } ? "added before taking the case" : null);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));

        var added = await AddAsync(Adviser, id, UploadKind.PaperAgreement, "agreement.pdf", UploadSamples.Pdf("signed on paper"), asStaff: true);

        Assert.True(added!.Succeeded, added.Message);
        var file = Assert.Single((await Uploads.GetAsync(Sam, id, asStaff: false))!.Files);
        Assert.Equal(("Priya Shah", false), (file.UploadedBy, file.MayRemove));
        Assert.NotNull(await Uploads.DownloadAsync(Sam, file.Id));
        Assert.False((await Uploads.RemoveAsync(Sam, id, asStaff: false, file.Id))!.Succeeded);

        // The family removes their own; a second press finds it gone and says so.
        Assert.True((await AddAsync(Sam, id, UploadKind.Other, "mine.png", UploadSamples.Png()))!.Succeeded);
        var mine = (await Uploads.GetAsync(Sam, id, asStaff: false))!.Files.Single(f => f.FileName == "mine.png");
        Assert.True((await Uploads.RemoveAsync(Sam, id, asStaff: false, mine.Id))!.Succeeded);
        Assert.True((await Uploads.RemoveAsync(Sam, id, asStaff: false, mine.Id))!.Succeeded);
        Assert.Null(await Uploads.RemoveAsync(Lukasz, id, asStaff: false, file.Id));

        Assert.True((await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, id, null))!.Succeeded);
        var closed = await AddAsync(Sam, id, UploadKind.Other, "late.pdf", UploadSamples.Pdf());
        Assert.Equal("This case is closed, so no more files can be added to it.", closed!.Message);
        Assert.False((await Uploads.GetAsync(Sam, id, asStaff: false))!.MayAdd);
    }

    [Fact]
    public async Task Uploads_AreInTheSubjectAccessExport_AndGoWithErasure()
    {
        var pages = TriageFixtures.BullyingPages();
        var id = await SubmitAsync(_host, Sam, pages);
        var png = UploadSamples.Png();
        Assert.True((await AddAsync(Sam, id, UploadKind.ComplaintOutcome, "outcome.png", png))!.Succeeded);

        var export = await _host.Get<SubjectAccessExport>().ExportAsync(Manager, id);

        using (var zip = new ZipArchive(new MemoryStream(export!.Content)))
        {
            using var entry = new MemoryStream();
            await using (var stream = zip.GetEntry("uploads/outcome.png")!.Open())
            {
                await stream.CopyToAsync(entry);
            }

            Assert.Equal(png, entry.ToArray());
            using var json = JsonDocument.Parse(zip.GetEntry(SubjectAccessExport.JsonEntry)!.Open());
            var listed = json.RootElement.GetProperty("applications")[0].GetProperty("uploads")[0];
            Assert.Equal(("uploads/outcome.png", "ComplaintOutcome"), (listed.GetProperty("file").GetString(), listed.GetProperty("kind").GetString()));
        }

        Assert.True((await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, id, null))!.Succeeded);
        var reference = (await _host.Get<WithdrawApplicationHandler>().GetAsync(Sam, id))!.Reference;
        var erased = await _host.Get<FamilyErasure>().EraseAsync(Manager, id, new ErasureForm { ConfirmReference = reference, Reason = ErasureReason.FamilyRequest });
        Assert.True(erased.Succeeded, string.Join("; ", erased.Errors.Select(e => e.Message)));
        Assert.Equal(1, erased.Counts!.Uploads);
        await using var db = await _host.DbAsync();
        Assert.False(await db.CaseUploads.AnyAsync());
    }

    private Task<UploadResult?> AddAsync(ClaimsPrincipal user, Guid id, UploadKind? kind, string name, byte[] content, bool share = false, bool asStaff = false) =>
        Uploads.AddAsync(user, id, asStaff, kind, name, content.Length, () => new MemoryStream(content), share);

    private async Task AssertNothingKeptAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        Assert.False(await db.CaseUploads.AnyAsync(u => u.ApplicationId == id));
    }
}
