using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Admin.Privacy.PrivacyTestData;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Admin.Privacy;

/// <summary>A manager erases a family's records, on each database: refused while the law needs them, complete when it does not.</summary>
public abstract class FamilyErasureTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync(TestDatabase.Create(provider));
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private FamilyErasure Erasure => _host.Get<FamilyErasure>();

    private static readonly TimeSpan PastTheAppealWindow = TimeSpan.FromDays(60);

    [Fact]
    public async Task Erase_WhileACaseIsOpen_IsRefusedWithTheReason_AndChangesNothing()
    {
        var closed = await ClosedCertificateCaseAsync(_host, Sam, "sam@example.com");
        var open = await SenCaseAsync(_host, Sam);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, open));
        _host.Clock.Advance(PastTheAppealWindow);
        var before = await SnapshotAsync(_host);

        var result = await Erasure.EraseAsync(Manager, closed.Id, Confirmed(closed.Reference, withOverride: true));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"Case {await ReferenceAsync(_host, open)} is still open (\"New\"). Close the case before erasing the family's records.", error.Message);
        Assert.Equal(before, await SnapshotAsync(_host));
        Assert.True((await Erasure.OverviewAsync(Manager, closed.Id))!.Blocked);
    }

    [Fact]
    public async Task Erase_BeforeTheAppealDeadline_IsRefused_WithTheDayItCanHappen_AndChangesNothing()
    {
        var closed = await ClosedCertificateCaseAsync(_host, Sam, "sam@example.com");
        var today = UkDates.DateIn(_host.Clock.GetUtcNow());
        var deadline = (await _host.Get<WorkingDayCalendarSource>().CalculatorAsync()).AppealBy(new DateOnly(2026, 10, 1), today).Date;
        var before = await SnapshotAsync(_host);

        var result = await Erasure.EraseAsync(Manager, closed.Id, Confirmed(closed.Reference, withOverride: true));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("", error.FieldKey);
        Assert.Contains($"until {UkDates.LongDate(deadline)}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"can be erased from {UkDates.LongDate(deadline.AddDays(1))}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(_host));

        // The day after the deadline, only the documents' retention stands in the way, and a manager may override it.
        _host.Clock.Advance(UkDates.FromLocal(deadline.AddDays(1), new TimeOnly(9, 0)) - _host.Clock.GetUtcNow());
        var overview = (await Erasure.OverviewAsync(Manager, closed.Id))!;
        Assert.False(overview.Blocked);
        Assert.True(overview.NeedsOverride);
    }

    [Fact]
    public async Task Erase_NeedsTheReferenceTyped_AReason_AndForRecentDocumentsAnOverrideReason()
    {
        var closed = await ClosedCertificateCaseAsync(_host, Sam, "sam@example.com");
        _host.Clock.Advance(PastTheAppealWindow);
        var before = await SnapshotAsync(_host);

        var empty = await Erasure.EraseAsync(Manager, closed.Id, new ErasureForm());
        var wrong = await Erasure.EraseAsync(Manager, closed.Id, new ErasureForm { ConfirmReference = "ZZZZ-9999", Reason = ErasureReason.FamilyRequest, Override = ErasureOverride.DataProtectionOfficerConfirmed });

        Assert.Equal(
            [("override", "Select why the documents can be erased before the end of their retention period"), ("reason", "Select why you are erasing this family's records"), ("confirm", $"Enter the reference {closed.Reference} to confirm")],
            empty.Errors.Select(e => (e.FieldKey, e.Message)));
        Assert.Equal([("confirm", $"The reference you entered does not match. Enter {closed.Reference} to confirm")], wrong.Errors.Select(e => (e.FieldKey, e.Message)));
        Assert.Equal(before, await SnapshotAsync(_host));

        // Typed as people type it: lower case, spaces for the dash.
        var erased = await Erasure.EraseAsync(Manager, closed.Id, new ErasureForm { ConfirmReference = " " + closed.Reference.ToLowerInvariant().Replace('-', ' '), Reason = ErasureReason.FamilyRequest, Override = ErasureOverride.IssuedInError });
        Assert.True(erased.Succeeded, string.Join("; ", erased.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Erase_ByAnyoneButAManager_IsRefused_AndChangesNothing()
    {
        var closed = await ClosedCertificateCaseAsync(_host, Sam, "sam@example.com");
        _host.Clock.Advance(PastTheAppealWindow);
        var before = await SnapshotAsync(_host);

        foreach (var user in new[] { Adviser, Mediator, HertsOfficer, Sam, TestUsers.Anonymous() })
        {
            var result = await Erasure.EraseAsync(user, closed.Id, Confirmed(closed.Reference, withOverride: true));
            Assert.Equal("Only a service manager can erase a family's records.", Assert.Single(result.Errors).Message);
            Assert.Null(await Erasure.OverviewAsync(user, closed.Id));
            Assert.Null((await Erasure.FindAsync(user, closed.Reference)).Family);
        }

        Assert.Equal(before, await SnapshotAsync(_host));
    }

    [Fact]
    public async Task Erase_DeletesEverythingOfTheFamily_ReturnsFutureSeats_KeepsOtherFamilies_AndKeepsTheAuditLog()
    {
        // Sam: a closed case with a certificate, call and survey; a phone application taken over and closed; an unfinished draft; places on sessions.
        var samCase = await ClosedCertificateCaseAsync(_host, Sam, "sam@example.com");
        var samPhone = await PhoneApplicationTakenOverAsync(_host, Sam, "sam.phone@example.com");
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, samPhone, CaseStage.Closed, "Signposted to the school's governors."));
        var samDraft = (await _host.Get<StartApplicationHandler>().HandleAsync(Sam, new ApplicationPrefill(null, null, null)))!.Value;
        var pastSession = await BookedSessionAsync(_host, TimeSpan.FromDays(3), 10, Sam);
        // Łukasz: a closed case and an open one, at the contact address every fixture family shares.
        var lukaszCase = await ClosedCertificateCaseAsync(_host, Lukasz);
        var lukaszOpen = await SenCaseAsync(_host, Lukasz);
        _host.Clock.Advance(PastTheAppealWindow);
        var waiting = (await Booking.SessionTestData.ParentsAsync(_host, 1, "waiting"))[0];
        var sharedSession = await BookedSessionAsync(_host, TimeSpan.FromDays(10), 5, Sam, Lukasz);
        var fullSession = await BookedSessionAsync(_host, TimeSpan.FromDays(12), 1, Sam, waiting);
        await MarkOutboxSentAsync(_host);

        Guid samId;
        List<Guid> samBookings;
        List<long> auditBefore;
        string lukaszBefore;
        await using (var db = await _host.DbAsync())
        {
            samId = await db.Users.Where(u => u.Subject == "demo-parent").Select(u => u.Id).SingleAsync();
            samBookings = await db.SessionBookings.Where(b => b.UserId == samId).Select(b => b.Id).ToListAsync();
            Assert.Equal(3, samBookings.Count);
            auditBefore = await db.AuditEntries.Select(a => a.Id).ToListAsync();
            lukaszBefore = await LukaszAsync(db);
        }

        var overview = (await Erasure.FindAsync(Manager, samCase.Reference)).Family!;
        Assert.Equal((3, 1, 3, false, true), (overview.Applications.Count, overview.Documents, overview.Bookings, overview.Blocked, overview.NeedsOverride));

        var result = await Erasure.EraseAsync(Manager, samCase.Id, Confirmed(samCase.Reference, withOverride: true));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal((3, 1, 3, 2, 1), (result.Counts!.Applications, result.Counts.Documents, result.Counts.Bookings, result.Counts.SeatsReturned, result.Counts.CallsUnlinked));
        var samIds = new[] { samCase.Id, samPhone, samDraft };
        await using (var db = await _host.DbAsync())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == samId));
            Assert.False(await db.Users.AnyAsync(u => u.Email == "sam.phone@example.com"));
            Assert.False(await db.Applications.AnyAsync(a => samIds.Contains(a.Id)));
            Assert.False(await db.CaseDocuments.AnyAsync(d => samIds.Contains(d.ApplicationId)));
            Assert.False(await db.CaseEvents.AnyAsync(e => samIds.Contains(e.ApplicationId)));
            Assert.False(await db.SatisfactionResponses.AnyAsync(r => samIds.Contains(r.ApplicationId)));
            Assert.False(await db.ApplicationInvitations.AnyAsync(i => samIds.Contains(i.ApplicationId)));
            Assert.False(await db.SessionBookings.AnyAsync(b => samBookings.Contains(b.Id)));
            var addresses = new[] { "sam@example.com", "sam.phone@example.com", "sam.taylor@example.com" };
            Assert.False(await db.OutboxMessages.AnyAsync(m => addresses.Contains(m.ToAddress)));
            var keys = await db.OutboxMessages.Where(m => m.CorrelationKey != null).Select(m => m.CorrelationKey!).ToListAsync();
            Assert.DoesNotContain(keys, k => samIds.Concat(samBookings).Any(id => k.Contains(id.ToString(), StringComparison.Ordinal)));

            // The anonymous call record stays for the monitoring reports, without the link to the family.
            var call = await db.CallLog.SingleAsync(c => c.Topic == "ehc-assessment" && c.ApplicationId == null);
            Assert.Equal(CallerType.Parent, call.CallerType);

            // Seats: a place on a session still to come goes back; one that has happened stays counted.
            Assert.Equal(1, await SeatsTakenAsync(db, pastSession));
            Assert.Equal(1, await SeatsTakenAsync(db, sharedSession));
            var offered = await db.SessionBookings.SingleAsync(b => b.SessionId == fullSession);
            Assert.Equal(BookingStatus.Offered, offered.Status);
            Assert.Equal(1, await SeatsTakenAsync(db, fullSession));
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.CorrelationKey == $"session-offer:{offered.Id}"));

            // Another family, even one sharing an e-mail address with the fixtures, keeps everything.
            Assert.Equal(lukaszBefore, await LukaszAsync(db));

            // The audit log keeps every entry, and records the erasure with ids, counts and the chosen reason only.
            var audit = await db.AuditEntries.ToListAsync();
            Assert.Empty(auditBefore.Except(audit.Select(a => a.Id)));
            var erased = audit.Where(a => a.Action == "application-erased").ToList();
            Assert.Equal(samIds.Select(id => id.ToString()).Order(), erased.Select(a => a.TargetId!).Order());
            Assert.All(erased, a => Assert.Equal("reason=family-request override=dpo-confirmed-not-needed", a.Detail));
            var family = audit.Single(a => a.Action == "family-erased");
            Assert.Equal(("demo-manager", "user", samId.ToString()), (family.ActorSubject, family.TargetType, family.TargetId));
            Assert.StartsWith("reason=family-request override=dpo-confirmed-not-needed applications=3 documents=1 ", family.Detail, StringComparison.Ordinal);
            Assert.All(audit.Where(a => !auditBefore.Contains(a.Id)), a =>
            {
                Assert.DoesNotContain("Sam", a.Detail ?? "", StringComparison.Ordinal);
                Assert.DoesNotContain("@", a.Detail ?? "", StringComparison.Ordinal);
            });
        }

        Assert.Equal(FamilyErasure.ReferenceNotFound, (await Erasure.FindAsync(Manager, samCase.Reference)).Error);
        Assert.Equal(ErasureResult.NotFound, Assert.Single((await Erasure.EraseAsync(Manager, samCase.Id, Confirmed(samCase.Reference, withOverride: true))).Errors).Message);
        Assert.NotNull(await _host.Get<SubjectAccessExport>().ExportAsync(Manager, lukaszCase.Id));
        Assert.NotNull(await _host.Get<SubjectAccessExport>().ExportAsync(Manager, lukaszOpen));
    }

    [Fact]
    public async Task Erase_OfAClosedCaseWithNoDocuments_NeedsNoOverride()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.BullyingPages());
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, "Resolved with the school."));
        var reference = await ReferenceAsync(_host, id);

        var overview = (await Erasure.OverviewAsync(Manager, id))!;
        var result = await Erasure.EraseAsync(Manager, id, new ErasureForm { ConfirmReference = reference, Reason = ErasureReason.CreatedInError });

        Assert.Empty(overview.Holds);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Contains("reason=created-in-error applications=1", await WithDbAsync(_host, db => db.AuditEntries.Where(a => a.Action == "family-erased").Select(a => a.Detail!).SingleAsync()), StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 12 item 6: erasing a family takes exactly their e-mails (and the sender's copies of them), chosen by the ids
    /// on the outbox rows, never by address. Another family's caller gave, on the phone, the address Sam typed. Failed
    /// before: matched by Sam's addresses, their invitation (and its .eml file) went with Sam's records.
    /// </summary>
    [Fact]
    public async Task Erase_KeepsAnotherFamilysEmails_SentToAnAddressThisFamilyTyped_AndTheirCopies()
    {
        var samCase = await SubmitAsync(_host, Sam, BullyingPages("shared@example.com"));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, samCase, CaseStage.Closed, "Resolved with the school."));
        var (other, _) = await PhoneApplicationInvitedAsync(_host, "shared@example.com");
        await _host.Get<OutboxProcessor>().ProcessDueAsync();
        var folder = Assert.IsType<FolderMessageSender>(_host.Get<IMessageSender>());
        List<OutboxMessage> sent;
        await using (var db = await _host.DbAsync())
        {
            sent = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt != null).ToListAsync();
        }

        var otherOwner = await WithDbAsync(_host, db => db.Applications.Where(a => a.Id == other).Select(a => a.OwnerId).SingleAsync());
        var samIds = await WithDbAsync(_host, db => db.OutboxMessages.Where(m => m.CorrelationKey == $"application-submitted:{samCase}" || m.CorrelationKey == $"survey-request:{samCase}").Select(m => m.Id).ToListAsync());
        var othersIds = sent.Select(m => m.Id).Except(samIds).ToList();
        Assert.Equal(2, samIds.Count);
        Assert.Contains(sent, m => m.Kind == "application-invitation" && m.ToAddress == "shared@example.com");
        Assert.All(sent, m => Assert.True(File.Exists(folder.PathFor(m.Id))));

        var result = await Erasure.EraseAsync(Manager, samCase, Confirmed(await ReferenceAsync(_host, samCase), withOverride: false));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(2, result.Counts!.Messages);
        var left = await WithDbAsync(_host, db => db.OutboxMessages.Select(m => m.Id).ToListAsync());
        Assert.Equal(othersIds.Order(), left.Order());
        Assert.All(othersIds, id => Assert.True(File.Exists(folder.PathFor(id)), "another family's e-mail copy was deleted"));
        Assert.All(samIds, id => Assert.False(File.Exists(folder.PathFor(id)), "the family's e-mail copy was left"));
        Assert.True(await WithDbAsync(_host, db => db.Users.AnyAsync(u => u.Id == otherOwner)));
    }

    private static ErasureForm Confirmed(string reference, bool withOverride) => new()
    {
        ConfirmReference = reference,
        Reason = ErasureReason.FamilyRequest,
        Override = withOverride ? ErasureOverride.DataProtectionOfficerConfirmed : null,
    };

    private static Task<int> SeatsTakenAsync(PortalDbContext db, int sessionId) =>
        db.InformationSessions.Where(s => s.Id == sessionId).Select(s => s.SeatsTaken).SingleAsync();

    /// <summary>Everything of Łukasz's, as one comparable line.</summary>
    private static async Task<string> LukaszAsync(PortalDbContext db)
    {
        var user = await db.Users.SingleAsync(u => u.Subject == "demo-parent-2");
        var applications = await db.Applications.Where(a => a.OwnerId == user.Id).Select(a => a.Id).ToListAsync();
        var bookings = await db.SessionBookings.Where(b => b.UserId == user.Id).Select(b => b.Id + ":" + b.Status).ToListAsync();
        var messages = await db.OutboxMessages.Where(m => m.ToAddress == "parent@example.com" || m.ToAddress == "lukasz.dvorak@example.com").Select(m => m.Id).ToListAsync();
        return string.Join(" | ",
            user.Id,
            string.Join(",", applications.Order()),
            await db.CaseDocuments.CountAsync(d => applications.Contains(d.ApplicationId)),
            await db.CaseEvents.CountAsync(e => applications.Contains(e.ApplicationId)),
            await db.SatisfactionResponses.CountAsync(r => applications.Contains(r.ApplicationId)),
            await db.CallLog.CountAsync(c => c.ApplicationId != null && applications.Contains(c.ApplicationId.Value)),
            string.Join(",", bookings.Order()),
            string.Join(",", messages.Order()));
    }
}

public sealed class SqliteFamilyErasureTests() : FamilyErasureTests(DatabaseProvider.Sqlite);

public sealed class PostgresFamilyErasureTests() : FamilyErasureTests(DatabaseProvider.Postgres);
