using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Admin.Privacy.PrivacyTestData;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Admin.Privacy;

/// <summary>A manager's export of one family's records, from families made through the real handlers.</summary>
public sealed class SubjectAccessExportTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;
    private ClosedCase _samCase = null!;
    private Guid _samPhoneCase;
    private ClosedCase _lukaszCase = null!;
    private Guid _lukaszOpenCase;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);

        // Sam: a closed case with a certificate, a call, a survey answer; an application made on the phone and taken over; a session place.
        _samCase = await ClosedCertificateCaseAsync(_host, Sam, "sam@example.com");
        _samPhoneCase = await PhoneApplicationTakenOverAsync(_host, Sam, "sam.phone@example.com");
        // Łukasz: the same kinds of record, at the fixture's contact address (which other families share too).
        _lukaszCase = await ClosedCertificateCaseAsync(_host, Lukasz);
        _lukaszOpenCase = await SenCaseAsync(_host, Lukasz);
        await BookedSessionAsync(_host, TimeSpan.FromDays(10), 10, Sam, Lukasz);
        await MarkOutboxSentAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SubjectAccessExport Export => _host.Get<SubjectAccessExport>();

    [Fact]
    public async Task Export_HoldsEveryKindOfRecordForTheFamily_AndEveryPdfExactlyAsIssued()
    {
        var file = await Export.ExportAsync(Manager, _samPhoneCase);

        Assert.NotNull(file);
        await File.WriteAllBytesAsync(RepositoryPaths.Artifacts("subject-access", file.FileName), file.Content);
        Assert.Equal($"subject-access-{await ReferenceAsync(_host, _samPhoneCase)}-2026-11-20.zip", file.FileName);
        using var zip = new ZipArchive(new MemoryStream(file.Content));
        Assert.Contains(zip.Entries, e => e.FullName == "README.txt");
        using var json = JsonDocument.Parse(Read(zip, SubjectAccessExport.JsonEntry));
        var root = json.RootElement;

        Assert.Equal("Sam Taylor", root.GetProperty("person").GetProperty("displayName").GetString());
        Assert.Equal("demo-parent", root.GetProperty("person").GetProperty("signInId").GetString());
        var applications = root.GetProperty("applications").EnumerateArray().ToList();
        Assert.Equal(new[] { _samCase.Id, _samPhoneCase }.Order(), applications.Select(a => a.GetProperty("id").GetGuid()).Order());
        var closed = applications.Single(a => a.GetProperty("id").GetGuid() == _samCase.Id);
        Assert.Equal(_samCase.Reference, closed.GetProperty("reference").GetString());
        Assert.Equal("Closed", closed.GetProperty("stage").GetString());
        Assert.Equal("refusal-to-assess", closed.GetProperty("answers").GetProperty("sen-decision").GetString());
        Assert.Equal("sam@example.com", closed.GetProperty("answers").GetProperty("contact-email").GetString());
        Assert.Contains(closed.GetProperty("history").EnumerateArray(), e => e.GetProperty("toStage").GetString() == "Closed");
        Assert.Equal(4, closed.GetProperty("survey").GetProperty("rating").GetInt32());
        Assert.Equal("The adviser explained everything clearly.", closed.GetProperty("survey").GetProperty("comment").GetString());
        var phone = applications.Single(a => a.GetProperty("id").GetGuid() == _samPhoneCase);
        Assert.Equal("Prefers calls after 3pm", phone.GetProperty("phoneCall").GetProperty("Adaptations").GetString());
        Assert.NotNull(Single(phone.GetProperty("invitations")).GetProperty("claimedAt").GetString());
        // The caller's placeholder record went when Sam claimed the application (nothing else used it), so none is left over.
        Assert.Empty(root.GetProperty("recordsMadeOnThePhone").EnumerateArray());

        // Every document, byte for byte as stored.
        await using (var db = await _host.DbAsync())
        {
            var stored = await db.CaseDocuments.AsNoTracking().Where(d => d.ApplicationId == _samCase.Id).ToListAsync();
            var listed = closed.GetProperty("documents").EnumerateArray().ToList();
            Assert.Equal(stored.Count, listed.Count);
            foreach (var document in stored)
            {
                var entry = listed.Single(d => d.GetProperty("id").GetGuid() == document.Id);
                var pdf = ReadBytes(zip, entry.GetProperty("file").GetString()!);
                Assert.Equal(document.ContentHash, Convert.ToHexStringLower(SHA256.HashData(pdf)));
                Assert.Equal(document.ContentHash, entry.GetProperty("contentHash").GetString());
                Assert.Equal(document.Pdf, pdf);
            }

            Assert.Equal(stored.Count, zip.Entries.Count(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal)));
        }

        var booking = Single(root.GetProperty("sessionBookings"));
        Assert.Equal("Booked", booking.GetProperty("status").GetString());
        Assert.Equal("Mediation Information and Awareness Session", booking.GetProperty("session").GetProperty("title").GetString());
        var call = Single(root.GetProperty("helplineCalls"));
        Assert.Equal(_samCase.Id, call.GetProperty("applicationId").GetGuid());

        // E-mails: those sent to the family (their sign-in address, the case's contact address, the phone caller's), with their bodies.
        var emails = root.GetProperty("emailsSentToThem").EnumerateArray().ToList();
        Assert.Contains(emails, e => e.GetProperty("kind").GetString() == "application-submitted" && e.GetProperty("toAddress").GetString() == "sam@example.com");
        Assert.Contains(emails, e => e.GetProperty("kind").GetString() == "application-invitation" && e.GetProperty("toAddress").GetString() == "sam.phone@example.com");
        Assert.Contains(emails, e => e.GetProperty("kind").GetString() == "session-booked" && e.GetProperty("toAddress").GetString() == "sam.taylor@example.com");
        Assert.Contains(emails, e => e.GetProperty("kind").GetString() == "document-ready");
        Assert.All(emails, e => Assert.Contains(e.GetProperty("toAddress").GetString(), new[] { "sam@example.com", "sam.phone@example.com", "sam.taylor@example.com" }));
        Assert.All(emails, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("body").GetString())));

        // The audit trail of their records: who looked and what was done.
        var audit = root.GetProperty("auditEntries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("document-issued", audit);
        Assert.Contains("phone-application-started", audit);
        Assert.Contains("invitation-created", audit);
    }

    [Fact]
    public async Task Export_HoldsNothingOfAnotherFamily_EvenAtASharedAddress()
    {
        var file = await Export.ExportAsync(Manager, _samCase.Id);

        Assert.NotNull(file);
        using var zip = new ZipArchive(new MemoryStream(file.Content));
        var text = Read(zip, SubjectAccessExport.JsonEntry);
        string[] lukasz;
        await using (var db = await _host.DbAsync())
        {
            var lukaszApplications = await db.Applications.Where(a => a.Owner!.Subject == "demo-parent-2").Select(a => a.Id).ToListAsync();
            var lukaszDocuments = await db.CaseDocuments.Where(d => lukaszApplications.Contains(d.ApplicationId)).Select(d => new { d.Id, d.Number, d.VerificationCode }).ToListAsync();
            var lukaszBookings = await db.SessionBookings.Where(b => b.User!.Subject == "demo-parent-2").Select(b => b.Id).ToListAsync();
            lukasz =
            [
                "Łukasz", "Dvořák", "lukasz.dvorak@example.com", "demo-parent-2", _lukaszCase.Reference, await ReferenceAsync(_host, _lukaszOpenCase),
                .. lukaszApplications.Select(id => id.ToString()), .. lukaszBookings.Select(id => id.ToString()),
                .. lukaszDocuments.SelectMany(d => new[] { d.Id.ToString(), d.Number, d.VerificationCode }),
            ];
        }

        Assert.All(lukasz, value => Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("parent@example.com", text, StringComparison.Ordinal);
        Assert.Single(zip.Entries, e => e.FullName.StartsWith(SubjectAccessExport.DocumentsFolder, StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 12 item 6: e-mails are the family's by the ids on their outbox rows, never by address. Another family's
    /// caller gave, on the phone, the address Sam typed in Sam's own application: their invitation, with its claim code,
    /// went there. Failed before: matched by Sam's addresses, it was in Sam's export, code and all.
    /// </summary>
    [Fact]
    public async Task Export_LeavesOutAnotherFamilysInvitation_SentToAnAddressThisFamilyTyped()
    {
        var (other, code) = await PhoneApplicationInvitedAsync(_host, "sam@example.com");
        var otherReference = await ReferenceAsync(_host, other);

        var file = await Export.ExportAsync(Manager, _samCase.Id);

        Assert.NotNull(file);
        using var zip = new ZipArchive(new MemoryStream(file.Content));
        var text = Read(zip, SubjectAccessExport.JsonEntry);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(otherReference, text, StringComparison.Ordinal);
        Assert.DoesNotContain(other.ToString(), text, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(text);
        var emails = json.RootElement.GetProperty("emailsSentToThem").EnumerateArray().ToList();
        Assert.DoesNotContain(emails, e => e.GetProperty("kind").GetString() == "application-invitation" && e.GetProperty("toAddress").GetString() == "sam@example.com");
        // Sam's own e-mails to that address are still there.
        Assert.Contains(emails, e => e.GetProperty("kind").GetString() == "application-submitted" && e.GetProperty("toAddress").GetString() == "sam@example.com");
    }

    [Fact]
    public async Task EveryEmail_CarriesTheIdsOfWhatItIsAbout()
    {
        var rows = await WithDbAsync(_host, db => db.OutboxMessages.AsNoTracking().ToListAsync());

        Assert.Contains(rows, m => m.Kind == "application-invitation");
        Assert.All(rows, m => Assert.True(m.UserId is not null && (m.ApplicationId is not null || m.BookingId is not null), $"{m.Kind} carries no ids"));
        Assert.All(rows.Where(m => m.Kind.StartsWith("session-", StringComparison.Ordinal)), m => Assert.NotNull(m.BookingId));
        Assert.All(rows.Where(m => m.Kind == "document-ready"), m => Assert.NotNull(m.DocumentId));
        Assert.All(rows.Where(m => m.Kind == "application-invitation"), m => Assert.NotNull(m.InvitationId));
        Assert.All(rows, m => Assert.True(m.ToFamily));
    }

    [Fact]
    public async Task Export_IsAudited_WithIdsAndCountsOnly()
    {
        Assert.NotNull(await Export.ExportAsync(Manager, _samCase.Id));

        await using var db = await _host.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "subject-access-export");
        var sam = await db.Users.SingleAsync(u => u.Subject == "demo-parent");
        Assert.Equal(("demo-manager", "manager", "user", sam.Id.ToString()), (entry.ActorSubject, entry.ActorRoles, entry.TargetType, entry.TargetId));
        Assert.StartsWith($"from-application={_samCase.Id} applications=2 documents=1 uploads=0 emails=", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("@", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ForAnyoneButAManager_IsNothing_AndLeavesNoTrace()
    {
        foreach (var user in new[] { Adviser, Mediator, HertsOfficer, Sam, Lukasz, TestUsers.Anonymous(), TestUsers.Make("ex-manager", "Former Manager", "manager") })
        {
            Assert.Null(await Export.ExportAsync(user, _samCase.Id));
        }

        Assert.Null(await Export.ExportAsync(Manager, Guid.NewGuid()));
        Assert.False(await WithDbAsync(_host, db => db.AuditEntries.AnyAsync(a => a.Action == "subject-access-export")));
    }

    private static string Read(ZipArchive zip, string name) => Encoding.UTF8.GetString(ReadBytes(zip, name));

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"no {name} in the export");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static JsonElement Single(JsonElement array) => Assert.Single(array.EnumerateArray().ToList());
}
