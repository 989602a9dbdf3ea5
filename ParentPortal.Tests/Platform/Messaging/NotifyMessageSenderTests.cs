using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Messaging;
using ParentPortal.Features.Advisers;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Platform.Messaging;

/// <summary>
/// Issue 15 items 1 and 3: the GOV.UK Notify sender, through the real <c>GovukNotify</c> client against a local stand-in
/// that checks what the API checks; and Notify's delivery receipts posted to the portal.
/// </summary>
public sealed class NotifyMessageSenderTests : IAsyncLifetime
{
    private const string ReceiptToken = "receipt-token-for-the-tests-0123456789abcdef";

    private readonly SqliteTestDatabase _database = new();
    private NotifyStandIn _notify = null!;
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        _notify = await NotifyStandIn.StartAsync();
        var settings = _notify.Settings(ReceiptToken).ToDictionary();
        settings["Messaging:DispatcherEnabled"] = "false";
        _portal = new PortalFactory(_database, settings: settings);
        _portal.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
        await _notify.DisposeAsync();
    }

    private OutboxProcessor Processor => _portal.Services.GetRequiredService<OutboxProcessor>();

    [Fact]
    public async Task AMessage_GoesThroughTheRealClient_WithItsIdAsTheReference()
    {
        var (_, messageId) = await EnqueueAsync("Siân Ó Súilleabháin", "sian@example.com");

        Assert.Equal(1, (await Processor.ProcessDueAsync()).Sent);

        var email = Assert.Single(_notify.Emails);
        Assert.Equal(("sian@example.com", NotifyStandIn.EmailTemplate, messageId.ToString("N")), (email.EmailAddress, email.TemplateId, email.Reference));
        Assert.Equal("We have your application", email.Personalisation["subject"]);
        Assert.StartsWith("Dear Siân Ó Súilleabháin,\n\nWe have your application.\n\n--\n", email.Personalisation["body"]);
        var row = await RowAsync(messageId);
        Assert.NotNull(row.SentAt);
        Assert.Equal(email.Id, row.ProviderId);
    }

    [Fact]
    public async Task AnAddressNotifyRefuses_IsNotTriedAgain_AndNothingPersonalIsKeptOfTheError()
    {
        var (caseId, messageId) = await EnqueueAsync("Sam Taylor", "not an address");

        Assert.Equal(1, (await Processor.ProcessDueAsync()).Failed);

        var row = await RowAsync(messageId);
        Assert.NotNull(row.GaveUpAt);
        Assert.Equal("ParentPortal.Platform.Messaging.PermanentDeliveryException: GOV.UK Notify refused the message (400): ValidationError", row.LastError);
        var listed = Assert.Single((await _portal.Services.GetRequiredService<UndeliveredMessagesHandler>().ListAsync(Adviser))!);
        Assert.Equal((messageId, caseId), (listed.Id, listed.CaseId!.Value));
        Assert.Empty(_notify.Emails);
    }

    [Fact]
    public async Task ARateLimit_IsRetriedLater_NotGivenUp()
    {
        var (_, messageId) = await EnqueueAsync("Sam Taylor", "sam@example.com");
        _notify.RateLimited = true;

        Assert.Equal(1, (await Processor.ProcessDueAsync()).Failed);

        var row = await RowAsync(messageId);
        Assert.Equal((1, (DateTimeOffset?)null), (row.AttemptCount, row.GaveUpAt));
        Assert.True(row.LastError!.Contains("429", StringComparison.Ordinal), row.LastError);
    }

    [Fact]
    public async Task DeliveryReceipts_MarkAMessageDelivered_OrPutItOnTheUndeliveredList_AndNeedTheToken()
    {
        var (_, delivered) = await EnqueueAsync("Sam Taylor", "sam@example.com");
        var (_, failed) = await EnqueueAsync("Łukasz Dvořák", "lukasz@example.com");
        Assert.Equal(2, (await Processor.ProcessDueAsync()).Sent);
        var deliveredRow = await RowAsync(delivered);
        var failedRow = await RowAsync(failed);

        using var client = _portal.CreateHttpClient();
        // Without Notify's token, or with another: 401 and nothing changes.
        using (var anonymous = await client.PostAsJsonAsync(NotifyReceipts.Path, Receipt(deliveredRow, "delivered")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token-not-the-token-not-the-token");
        using (var wrong = await client.PostAsJsonAsync(NotifyReceipts.Path, Receipt(deliveredRow, "delivered")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.Null((await RowAsync(delivered)).DeliveredAt);

        client.DefaultRequestHeaders.Authorization = new("Bearer", ReceiptToken);
        using (var ok = await client.PostAsJsonAsync(NotifyReceipts.Path, Receipt(deliveredRow, "delivered")))
        {
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        }

        using (var bounced = await client.PostAsJsonAsync(NotifyReceipts.Path, Receipt(failedRow, "permanent-failure")))
        {
            Assert.Equal(HttpStatusCode.NoContent, bounced.StatusCode);
        }

        Assert.NotNull((await RowAsync(delivered)).DeliveredAt);
        var failedNow = await RowAsync(failed);
        Assert.Equal("GOV.UK Notify could not deliver it (permanent-failure).", failedNow.LastError);
        var listed = Assert.Single((await _portal.Services.GetRequiredService<UndeliveredMessagesHandler>().ListAsync(Adviser))!);
        Assert.Equal(failed, listed.Id);

        // A receipt whose Notify id does not match the row's changes nothing.
        using (var forged = await client.PostAsJsonAsync(NotifyReceipts.Path, new { id = Guid.NewGuid().ToString(), reference = delivered.ToString("N"), status = "permanent-failure" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, forged.StatusCode);
        }

        Assert.Null((await RowAsync(delivered)).GaveUpAt);
    }

    [Fact]
    public async Task AFamilyWhoChoseTexts_GetsAText_WithOnlyTheReference_AndItsReceiptsWork()
    {
        var family = new FamilyContact("Siân Ó Súilleabháin", null, "07700 900 982") { Chosen = MessageChannel.Text };
        var (caseId, messageId) = await EnqueueForAsync(family, "application-submitted");

        Assert.Equal(1, (await Processor.ProcessDueAsync()).Sent);

        var text = Assert.Single(_notify.Texts);
        Assert.Equal(("+447700900982", NotifyStandIn.TextTemplate, messageId.ToString("N")), (text.PhoneNumber, text.TemplateId, text.Reference));
        var (reference, service, helpline) = await ReferenceAsync(caseId);
        Assert.Equal($"{service}: We have received your application. Your reference is {reference}. Sign in to your account to see the details, or call us on {helpline}.", text.Text);
        // Only the one placeholder goes: never the e-mail's body, with whatever it says about the family.
        Assert.Equal(["body"], text.Personalisation.Keys);
        Assert.Empty(_notify.Emails);

        var row = await RowAsync(messageId);
        Assert.Equal((MessageChannel.Text, text.Id), (row.Channel, row.ProviderId));
        using var client = _portal.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ReceiptToken);
        using (var failed = await client.PostAsJsonAsync(NotifyReceipts.Path, Receipt(row, "permanent-failure", "sms")))
        {
            Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);
        }

        Assert.Equal(messageId, Assert.Single((await _portal.Services.GetRequiredService<UndeliveredMessagesHandler>().ListAsync(Adviser))!).Id);
    }

    [Fact]
    public async Task ANumberNotifyCannotText_IsRefusedForGood_AndListed()
    {
        // A landline stored before the portal checked numbers: Notify refuses it, and it waits for an adviser.
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var messageId = Guid.CreateVersion7();
        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = messageId, Kind = "application-submitted", Channel = MessageChannel.Text, ToAddress = "01632 960 001", Subject = "We have your application",
                Body = "Dear Sam", ShortText = "Family Mediation Service: We have received your application.", CreatedAt = DateTimeOffset.UtcNow,
                NotBefore = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow, ApplicationId = caseId, ToFamily = true,
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, (await Processor.ProcessDueAsync()).Failed);

        var row = await RowAsync(messageId);
        Assert.NotNull(row.GaveUpAt);
        Assert.Equal("ParentPortal.Platform.Messaging.PermanentDeliveryException: GOV.UK Notify refused the message (400): ValidationError", row.LastError);
        Assert.Empty(_notify.Texts);
        Assert.Equal(messageId, Assert.Single((await _portal.Services.GetRequiredService<UndeliveredMessagesHandler>().ListAsync(Adviser))!).Id);
    }

    [Fact]
    public async Task AFamilyWhoChoseLetters_GetsALetter_AddressedWithTheirNameAndPostcodeLast()
    {
        var family = new FamilyContact("Łukasz Dvořák", null, "01632 960 001") { Chosen = MessageChannel.Letter, PostalAddress = ["10 Station Road", "Leeds", "LS1 4AP"] };
        var (_, messageId) = await EnqueueForAsync(family, "document-ready");

        Assert.Equal(1, (await Processor.ProcessDueAsync()).Sent);

        var letter = Assert.Single(_notify.Letters);
        Assert.Equal(["Łukasz Dvořák", "10 Station Road", "Leeds", "LS1 4AP"], letter.AddressLines);
        Assert.Equal((NotifyStandIn.LetterTemplate, messageId.ToString("N")), (letter.TemplateId, letter.Reference));
        Assert.Equal("Your certificate is ready", letter.Personalisation["subject"]);
        Assert.StartsWith("Dear Łukasz Dvořák,", letter.Personalisation["body"]);
        // Every letter ends with how to reach the service.
        var (_, service, helpline) = await ReferenceAsync(Guid.Empty);
        Assert.Contains($"\n\n--\n{service}\nHelpline: {helpline} (", letter.Personalisation["body"], StringComparison.Ordinal);
    }

    private async Task<(Guid Case, Guid Message)> EnqueueForAsync(FamilyContact family, string kind)
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var row = await db.Applications.SingleAsync(a => a.Id == caseId);
        Assert.True(await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = kind,
            Family = family,
            Subject = kind == "document-ready" ? "Your certificate is ready" : "We have your application",
            Body = $"Dear {family.Name},\n\nYour child's needs are set out in section B.",
            About = MessageAbout.Application(row),
        }, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return (caseId, db.OutboxMessages.Local.Single(m => m.ApplicationId == caseId).Id);
    }

    /// <summary>The case's reference, and the service's name and helpline as its settings have them.</summary>
    private async Task<(string? Reference, string Service, string Helpline)> ReferenceAsync(Guid caseId)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var organisation = await db.Organisations.OrderBy(o => o.Id).FirstAsync();
        return ((await db.Applications.SingleOrDefaultAsync(a => a.Id == caseId))?.Reference, organisation.Name, organisation.HelplinePhone);
    }

    private static object Receipt(OutboxMessage row, string status, string type = "email") => new
    {
        id = row.ProviderId,
        reference = row.Id.ToString("N"),
        to = row.ToAddress,
        status,
        created_at = DateTimeOffset.UtcNow.AddMinutes(-1),
        completed_at = DateTimeOffset.UtcNow,
        sent_at = DateTimeOffset.UtcNow.AddMinutes(-1),
        notification_type = type,
    };

    private async Task<(Guid Case, Guid Message)> EnqueueAsync(string name, string address)
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var row = await db.Applications.SingleAsync(a => a.Id == caseId);
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "application-submitted",
            ToAddress = address,
            ToName = name,
            Subject = "We have your application",
            Body = $"Dear {name},\n\nWe have your application.",
            About = MessageAbout.Application(row),
        }, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return (caseId, db.OutboxMessages.Local.Single(m => m.ApplicationId == caseId).Id);
    }

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
