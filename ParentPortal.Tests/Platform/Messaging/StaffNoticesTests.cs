using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Platform.Messaging;

/// <summary>
/// Issue 15 item 4, straight away: staff who chose it are e-mailed as it happens (a new application in the shared queue, a
/// family on their case withdrawing, a message on their case that could not be delivered); staff who did not are not; the
/// message names the case by reference only.
/// </summary>
public sealed class StaffNoticesTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StaffWhoChoseIt_AreToldAsItHappens_ByReferenceOnly_AndOthersAreNot()
    {
        var choice = _host.Get<DigestChoiceHandler>();
        Assert.True(await choice.SetImmediateAsync(Adviser, true));
        Assert.Equal(new StaffNoticeChoices(true, true), await choice.ChoicesAsync(Adviser));
        Assert.Null(await choice.ChoicesAsync(Sam));

        // A new application: every adviser and manager who chose it hears (the queue is shared); the manager did not choose it.
        var sams = await SenCaseAsync(_host);
        var reference = await ReferenceAsync(sams);
        var fresh = Assert.Single(await NoticesAsync());
        Assert.Equal(("priya.shah@example.org", $"New application waiting: {reference}"), (fresh.ToAddress, fresh.Subject));
        Assert.Contains($"/advisers/cases/{sams}", fresh.Body, StringComparison.Ordinal);

        // The family withdraws their case: its adviser hears at once.
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, sams));
        Assert.True((await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, sams, null))!.Succeeded);
        var withdrawn = Assert.Single(await NoticesAsync(), m => m.Subject == $"{reference}: the family withdrew");
        Assert.Equal("priya.shah@example.org", withdrawn.ToAddress);

        // A message to the family the mail server refused for good: its adviser hears at once too.
        var processor = ActivatorUtilities.CreateInstance<OutboxProcessor>(_host.Services, new RefusingFamilies());
        Assert.True((await processor.ProcessDueAsync()).Failed > 0);
        // One notice for each message (the confirmation and the withdrawal's), each once however often the outbox runs.
        var undelivered = (await NoticesAsync()).Where(m => m.Subject == $"A message could not be delivered: {reference}").ToList();
        Assert.Equal(2, undelivered.Count);
        Assert.All(undelivered, m => Assert.Contains("/advisers/messages", m.Body, StringComparison.Ordinal));
        await processor.ProcessDueAsync();
        Assert.Equal(2, (await NoticesAsync()).Count(m => m.Subject == $"A message could not be delivered: {reference}"));

        foreach (var notice in await NoticesAsync())
        {
            Assert.False(notice.ToFamily);
            foreach (var personal in new[] { "Sam Taylor", "parent@example.com", "07700", "Hillside" })
            {
                Assert.DoesNotContain(personal, notice.Body, StringComparison.Ordinal);
            }
        }

        // Turned off: nothing more.
        Assert.True(await choice.SetImmediateAsync(Adviser, false));
        var count = (await NoticesAsync()).Count;
        await SenCaseAsync(_host, Lukasz);
        Assert.Equal(count, (await NoticesAsync()).Count);
    }

    [Fact]
    public async Task AMemberOfStaffWhoGaveAMobile_IsToldByText_WithTheReferenceOnly()
    {
        var choice = _host.Get<DigestChoiceHandler>();
        Assert.True(await choice.SetImmediateAsync(Adviser, true));
        Assert.Equal(DigestChoiceHandler.MobileMessage, await choice.SetMobileAsync(Adviser, "01632 960 001"));
        Assert.Null((await choice.ChoicesAsync(Adviser))!.Mobile);
        Assert.Null(await choice.SetMobileAsync(Adviser, "07700 900 321"));
        Assert.Equal("+447700900321", (await choice.ChoicesAsync(Adviser))!.Mobile);

        var sams = await SenCaseAsync(_host);
        var reference = await ReferenceAsync(sams);
        var text = Assert.Single(await NoticesAsync());
        Assert.Equal((ParentPortal.Domain.Messaging.MessageChannel.Text, "+447700900321"), (text.Channel, text.ToAddress));
        Assert.EndsWith($": something on your work needs you ({reference}). Sign in to the portal to see it.", text.ShortText, StringComparison.Ordinal);

        // Emptied: by e-mail again.
        Assert.Null(await choice.SetMobileAsync(Adviser, ""));
        await SenCaseAsync(_host, Lukasz);
        Assert.Equal(ParentPortal.Domain.Messaging.MessageChannel.Email, (await NoticesAsync())[^1].Channel);
    }

    private async Task<List<OutboxMessage>> NoticesAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == StaffNotices.Kind).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private async Task<string> ReferenceAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Reference!).SingleAsync();
    }

    /// <summary>A mail server that refuses every family's address for good, and takes staff's.</summary>
    private sealed class RefusingFamilies : IMessageSender
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            message.ToFamily ? throw new PermanentDeliveryException("The mail server refused the address for good (550).") : Task.CompletedTask;
    }
}
