using Microsoft.EntityFrameworkCore;
using MimeKit;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Booking;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Platform.Messaging;

/// <summary>
/// Issue 15 item 1: the SMTP sender (MailKit) against a real SMTP server on loopback (Debian's aiosmtpd): what arrives is
/// read back as a mail client would, with its headers, body, attachment and the names of people written as they are.
/// </summary>
public sealed class SmtpMessageSenderTests : IAsyncLifetime
{
    private const string Siân = "Siân Ó Súilleabháin";

    private SmtpTestServer _smtp = null!;
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _host = await ApplicationsHost.StartAsync(settings: _smtp.Settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task TheConfirmation_ArrivesWithTheFamilysNameAsWritten_AndAPlainTextBody()
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["your-name"] = new() { ["parent-name"] = Siân };
        var id = await SubmitAsync(_host, Sam, pages);

        var message = await OnlyArrivalAsync("application-submitted");
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal((Siân, "parent@example.com"), (to.Name, to.Address));
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal(("Family Mediation Partnership", "no-reply@mediation.example.org"), (from.Name, from.Address));
        await using var db = await _host.DbAsync();
        var row = await db.OutboxMessages.SingleAsync(m => m.Kind == "application-submitted");
        Assert.Equal(row.Subject, message.Subject);
        Assert.Equal($"{row.Id:N}@mediation.example.org", message.MessageId);
        var reference = await db.Applications.Where(a => a.Id == id).Select(a => a.Reference!).SingleAsync();
        Assert.Contains(reference, message.TextBody, StringComparison.Ordinal);
        Assert.Equal("utf-8", Assert.IsType<TextPart>(message.Body).ContentType.Charset, ignoreCase: true);
        Assert.NotNull(row.SentAt);
    }

    [Fact]
    public async Task ASessionBooking_ArrivesWithItsCalendarFile()
    {
        var sessionId = await SessionTestData.CreateSessionAsync(_host, 10, TimeSpan.FromDays(7));
        await using (var db = await _host.DbAsync())
        {
            var now = _host.Clock.GetUtcNow();
            db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = "lukasz", DisplayName = "Łukasz Dvořák", Email = "lukasz@example.com", FirstSignedInAt = now, LastSignedInAt = now });
            await db.SaveChangesAsync();
        }

        Assert.Equal(BookOutcome.Booked, (await _host.Get<BookSessionHandler>().HandleAsync(TestUsers.Parent("lukasz", "Łukasz Dvořák"), sessionId, null, false)).Outcome);

        var message = await OnlyArrivalAsync("session-booked");
        Assert.Equal("Łukasz Dvořák", ((MailboxAddress)message.To.Single()).Name);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal(ContentEncoding.Base64, attachment.ContentTransferEncoding);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        await using var db2 = await _host.DbAsync();
        Assert.Equal((await db2.InformationSessions.SingleAsync(s => s.Id == sessionId)).CalendarUid, Assert.Single(calendar.Events).Uid);
    }

    [Fact]
    public async Task TheCertificateIssuedMessage_ArrivesForTheFamily()
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["your-name"] = new() { ["parent-name"] = Siân };
        var id = await SubmitAsync(_host, Sam, pages);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.CertificateOnly));
        var issued = await _host.Get<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(issued.Succeeded, issued.Message);

        var certificate = Assert.Single(await ArrivalsAsync(), m => m.Headers["X-Portal-Kind"] == "document-ready");
        Assert.Equal("Your mediation certificate is ready", certificate.Subject);
        Assert.Equal(Siân, ((MailboxAddress)certificate.To.Single()).Name);
        Assert.Contains("Your mediation certificate (", certificate.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatRefuses_LeavesTheMessageToRetry_WithNoAddressInTheError()
    {
        await _smtp.DisposeAsync();
        await SubmitAsync(_host, Sam, TriageFixtures.SenPages());
        var result = await _host.Get<OutboxProcessor>().ProcessDueAsync();
        Assert.True(result.Failed > 0);
        await using var db = await _host.DbAsync();
        var row = await db.OutboxMessages.SingleAsync(m => m.Kind == "application-submitted");
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.AttemptCount);
        Assert.DoesNotContain("parent@example.com", row.LastError, StringComparison.Ordinal);
    }

    /// <summary>Issue 15 item 3: an address the server refuses for good is not tried again; it waits on the undelivered list.</summary>
    [Fact]
    public async Task AnAddressTheServerRefuses_IsNotTriedAgain_AndWaitsForAnAdviser()
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["contact"] = new() { ["contact-phone"] = "07700 900 982", ["contact-email"] = SmtpTestServer.RefusedPrefix + "@example.com", ["contact-method"] = "email" };
        var id = await SubmitAsync(_host, Sam, pages);

        Assert.Equal(1, (await _host.Get<OutboxProcessor>().ProcessDueAsync()).Failed);
        Assert.Empty(_smtp.Received());
        await using var db = await _host.DbAsync();
        var row = await db.OutboxMessages.SingleAsync(m => m.Kind == "application-submitted");
        Assert.NotNull(row.GaveUpAt);
        Assert.Equal("ParentPortal.Platform.Messaging.PermanentDeliveryException: The mail server refused the address for good (550).", row.LastError);
        _host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await _host.Get<OutboxProcessor>().ProcessDueAsync()).Claimed);

        var undelivered = _host.Get<ParentPortal.Features.Advisers.UndeliveredMessagesHandler>();
        var waiting = Assert.Single((await undelivered.ListAsync(Adviser))!);
        Assert.Equal((id, row.Id), (waiting.CaseId!.Value, waiting.Id));
    }

    /// <summary>
    /// Issue 15 item 5: every e-mail ends with the service's contact details; only one a family can turn off (a reminder, the
    /// survey) has a List-Unsubscribe, to the page where they turn it off; a text message is never given to a mail server.
    /// </summary>
    [Fact]
    public async Task OnlyOptionalMessages_HaveListUnsubscribe_EveryEmailSaysHowToReachUs_AndTextsAreRefused()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.SenPages());
        await using (var db = await _host.DbAsync())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            var family = new FamilyContact(Siân, "parent@example.com", "07700 900 982");
            foreach (var (kind, who) in new[] { ("survey-request", family), ("document-ready", family), ("case-meeting", family with { Chosen = ParentPortal.Domain.Messaging.MessageChannel.Text }) })
            {
                Assert.True(await OutboxWriter.EnqueueAsync(db, new OutgoingMessage { Kind = kind, Family = who, Subject = kind, Body = "Hello.", About = MessageAbout.Application(application) }, _host.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        // The text fails for good; the e-mails go.
        Assert.Equal(1, (await _host.Get<OutboxProcessor>().ProcessDueAsync()).Failed);
        var arrived = _smtp.Received();
        var survey = Assert.Single(arrived, m => m.Headers["X-Portal-Kind"] == "survey-request");
        Assert.Matches($"^<https?://[^>]+/applications/{id}/contact-details>$", survey.Headers["List-Unsubscribe"]);
        var document = Assert.Single(arrived, m => m.Headers["X-Portal-Kind"] == "document-ready");
        Assert.Null(document.Headers["List-Unsubscribe"]);
        Assert.All(arrived, m => Assert.Matches("\\r?\\n--\\r?\\n.+\\r?\\nHelpline: .+\\r?\\nEmail: .+@", m.TextBody));

        await using var check = await _host.DbAsync();
        var text = await check.OutboxMessages.SingleAsync(m => m.Kind == "case-meeting");
        Assert.NotNull(text.GaveUpAt);
        Assert.Contains("set Messaging:Sender to Notify", text.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(arrived, m => m.Headers["X-Portal-Kind"] == "case-meeting");
    }

    /// <summary>Runs the outbox until nothing is due, then reads what the server accepted.</summary>
    private async Task<IReadOnlyList<MimeMessage>> ArrivalsAsync()
    {
        var processor = _host.Get<OutboxProcessor>();
        while (true)
        {
            var batch = await processor.ProcessDueAsync();
            Assert.Equal(0, batch.Failed);
            if (!batch.MoreMayBeDue)
            {
                break;
            }
        }

        return _smtp.Received();
    }

    private async Task<MimeMessage> OnlyArrivalAsync(string kind) =>
        Assert.Single(await ArrivalsAsync(), m => m.Headers["X-Portal-Kind"] == kind);
}
