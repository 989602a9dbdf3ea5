using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Advisers;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.Platform.Messaging;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Advisers;

/// <summary>Issue 15 item 3: the messages the outbox gave up on wait for an adviser, who tries again or says how they reached the person.</summary>
public sealed class UndeliveredMessagesTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync(settings: new Dictionary<string, string?> { ["Messaging:MaxAttempts"] = "1" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private UndeliveredMessagesHandler Undelivered => _host.Get<UndeliveredMessagesHandler>();

    /// <summary>The case's confirmation, failed once against a mail server that is not there: with one attempt allowed, given up.</summary>
    private async Task<(Guid Case, Guid Message)> GivenUpAsync()
    {
        var id = await SenCaseAsync(_host);
        var processor = ActivatorUtilities.CreateInstance<OutboxProcessor>(_host.Services, new NoServer());
        Assert.Equal(1, (await processor.ProcessDueAsync()).Failed);
        await using var db = await _host.DbAsync();
        return (id, await db.OutboxMessages.Where(m => m.ApplicationId == id && m.GaveUpAt != null).Select(m => m.Id).SingleAsync());
    }

    [Fact]
    public async Task AdvisersAndManagers_SeeWhatCouldNotBeDelivered_WithItsCase_AndNobodyElse()
    {
        var (id, messageId) = await GivenUpAsync();
        var listed = Assert.Single((await Undelivered.ListAsync(Adviser))!);
        Assert.Equal((messageId, id, "parent@example.com", 1), (listed.Id, listed.CaseId!.Value, listed.ToAddress, listed.Attempts));
        Assert.NotNull(listed.CaseReference);
        // The queue flags the case too, until someone deals with it.
        Assert.Equal(1, Assert.Single((await _host.Get<ParentPortal.Features.Cases.CaseQueueQuery>().HandleAsync(Adviser, new ParentPortal.Features.Cases.CaseQueueFilter()))!.Rows, r => r.Id == id).Undelivered);
        Assert.Single((await Undelivered.ListAsync(Manager))!);
        Assert.Null(await Undelivered.ListAsync(Mediator));
        Assert.Null(await Undelivered.ListAsync(HertsOfficer));
        Assert.Null(await Undelivered.ListAsync(Sam));
        Assert.False((await Undelivered.RetryAsync(HertsOfficer, messageId)).Succeeded);
        Assert.False((await Undelivered.DealtWithAsync(Mediator, messageId, "Phoned instead")).Succeeded);
    }

    [Fact]
    public async Task MarkingItDealtWith_NeedsAWord_ThenTakesItOffTheList_Audited()
    {
        var (_, messageId) = await GivenUpAsync();
        Assert.Equal(UndeliveredMessagesHandler.Note.Key, Assert.Single((await Undelivered.DealtWithAsync(Adviser, messageId, " ")).Errors).FieldKey);
        Assert.True((await Undelivered.DealtWithAsync(Adviser, messageId, "Phoned instead and read it to her")).Succeeded);
        Assert.Empty((await Undelivered.ListAsync(Adviser))!);
        Assert.False((await Undelivered.DealtWithAsync(Manager, messageId, "Again")).Succeeded);

        await using var db = await _host.DbAsync();
        var row = await db.OutboxMessages.SingleAsync(m => m.Id == messageId);
        Assert.Equal(("Priya Shah", "Phoned instead and read it to her"), (row.DealtWithBy, row.DealtWithNote));
        Assert.Null(row.SentAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "message-dealt-with" && a.TargetId == messageId.ToString()));
    }

    [Fact]
    public async Task TryingAgain_SendsIt_OnceTheServerIsBack()
    {
        var (_, messageId) = await GivenUpAsync();
        Assert.True((await Undelivered.RetryAsync(Adviser, messageId)).Succeeded);
        Assert.Empty((await Undelivered.ListAsync(Adviser))!);

        var sender = new RecordingSender();
        var processor = ActivatorUtilities.CreateInstance<OutboxProcessor>(_host.Services, sender);
        Assert.Equal(1, (await processor.ProcessDueAsync()).Sent);
        Assert.Equal([messageId], sender.Sent);
        await using var db = await _host.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "message-retried" && a.TargetId == messageId.ToString()));
    }

    private sealed class NoServer : IMessageSender
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
    }
}
