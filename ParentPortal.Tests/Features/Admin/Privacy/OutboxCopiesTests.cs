using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Admin.Privacy.PrivacyTestData;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Admin.Privacy;

/// <summary>
/// Issue 12 item 10: copies of e-mails do not outlive the outbox. A sent invitation keeps no claim code, and the .eml
/// files the folder sender wrote go when retention clears the outbox and when a family is erased. Failed before: the
/// code stayed in the outbox row, and every .eml file stayed in the folder for ever.
/// </summary>
public sealed class OutboxCopiesTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ASentInvitation_KeepsNoCode_AndItsFileGoesWhenRetentionClearsTheOutbox()
    {
        var (_, code) = await PhoneApplicationInvitedAsync(_host, "sam.phone@example.com");
        var sender = Assert.IsType<FolderMessageSender>(_host.Get<IMessageSender>());

        await _host.Get<OutboxProcessor>().ProcessDueAsync();

        List<Data.Entities.OutboxMessage> sent;
        await using (var db = await _host.DbAsync())
        {
            sent = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt != null).ToListAsync();
        }

        var invitation = Assert.Single(sent, m => m.Kind == InvitationCodes.MessageKind);
        Assert.Contains(OutboxWriter.SecretRemovedText, invitation.Body, StringComparison.Ordinal);
        Assert.Null(invitation.BodyOnceSent);
        Assert.DoesNotContain(code, invitation.Body, StringComparison.Ordinal);
        Assert.Contains(code, await File.ReadAllTextAsync(sender.PathFor(invitation.Id)), StringComparison.Ordinal); // the family got it
        Assert.All(sent, m => Assert.True(File.Exists(sender.PathFor(m.Id))));

        _host.Clock.Advance(new RetentionOptions().OutboxContent + TimeSpan.FromDays(1));
        Assert.True((await _host.Get<RetentionJob>().RunOnceAsync()).OutboxMessagesCleared >= sent.Count);

        Assert.All(sent, m => Assert.False(File.Exists(sender.PathFor(m.Id)), $"{m.Kind} was left in the folder"));
    }
}
