using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Messaging;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Messaging;

/// <summary>The outbox against both engines: writing in the caller's transaction, sending, retrying, cancelling, sharing.</summary>
public abstract class OutboxTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly RecordingSender _sender = new();
    private readonly ListLogger<OutboxProcessor> _log = new();
    private TestDatabase _database = null!;
    private WebApplication _app = null!;

    private IDbContextFactory<PortalDbContext> Factory => _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    private MessagingSettings Settings => _app.Services.GetRequiredService<MessagingSettings>();

    public async Task InitializeAsync()
    {
        _database = TestDatabase.Create(provider);
        _app = await PortalServices.BuildInitializedAsync(_database, seedDemoData: false, addFeatures: builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Messaging:Sender"] = "Log",
                ["Messaging:DispatcherEnabled"] = "false",
            });
            builder.AddPortalMessaging();
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Enqueue_WhenTheCallerCommits_TheMessageIsSavedWithTheChange()
    {
        await using (var db = await Factory.CreateDbContextAsync())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Users.Add(NewUser("committed"));
            Assert.True(await OutboxWriter.EnqueueAsync(db, Message(1), _clock.GetUtcNow()));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var read = await Factory.CreateDbContextAsync();
        Assert.Equal(1, await read.Users.CountAsync(u => u.Subject == "committed"));
        var message = await read.OutboxMessages.SingleAsync();
        Assert.Equal("parent1@example.com", message.ToAddress);
        Assert.Equal(Start, message.CreatedAt);
        Assert.Equal(Start, message.NotBefore);
        Assert.Null(message.SentAt);
    }

    [Fact]
    public async Task Enqueue_WhenTheCallerRollsBack_NoMessageIsLeft()
    {
        await using (var db = await Factory.CreateDbContextAsync())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Users.Add(NewUser("rolled-back"));
            await OutboxWriter.EnqueueAsync(db, Message(1), _clock.GetUtcNow());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var read = await Factory.CreateDbContextAsync();
        Assert.Equal(0, await read.Users.CountAsync(u => u.Subject == "rolled-back"));
        Assert.Equal(0, await read.OutboxMessages.CountAsync());
        Assert.Equal(0, (await Processor().ProcessDueAsync()).Claimed);
    }

    [Fact]
    public async Task Enqueue_TheSameCorrelationKeyAgain_QueuesNothingMore()
    {
        await using (var db = await Factory.CreateDbContextAsync())
        {
            Assert.True(await OutboxWriter.EnqueueAsync(db, Message(1, key: "application-submitted:7"), _clock.GetUtcNow()));
            Assert.False(await OutboxWriter.EnqueueAsync(db, Message(1, key: "application-submitted:7"), _clock.GetUtcNow()), "tracked, not saved yet");
            await db.SaveChangesAsync();
        }

        await using (var db = await Factory.CreateDbContextAsync())
        {
            Assert.False(await OutboxWriter.EnqueueAsync(db, Message(1, key: "application-submitted:7"), _clock.GetUtcNow()), "already in the database");
            Assert.True(await OutboxWriter.EnqueueAsync(db, Message(1, key: "application-submitted:8"), _clock.GetUtcNow()));
            Assert.True(await OutboxWriter.EnqueueAsync(db, Message(1), _clock.GetUtcNow()), "messages without a key are never merged");
            Assert.True(await OutboxWriter.EnqueueAsync(db, Message(1), _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await using var read = await Factory.CreateDbContextAsync();
        Assert.Equal(4, await read.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task CorrelationKey_TwoWritersAtOnce_TheDatabaseRefusesTheSecond()
    {
        await using var first = await Factory.CreateDbContextAsync();
        await using var second = await Factory.CreateDbContextAsync();
        Assert.True(await OutboxWriter.EnqueueAsync(first, Message(1, key: "application-submitted:9"), _clock.GetUtcNow()));
        Assert.True(await OutboxWriter.EnqueueAsync(second, Message(1, key: "application-submitted:9"), _clock.GetUtcNow()));

        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task ProcessDue_SendsDueMessagesOldestFirst_AndMarksThemSent()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            ids.AddRange(await EnqueueAsync(Message(i)));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await Processor().ProcessDueAsync();

        Assert.Equal(new OutboxBatchResult(3, 3, 0, false), result);
        Assert.Equal(ids, _sender.Sent);
        var stored = await AllAsync();
        Assert.All(stored, m => Assert.Equal(_clock.GetUtcNow(), m.SentAt));
        Assert.All(stored, m => Assert.Null(m.ClaimedBy));
        Assert.Equal(0, (await Processor().ProcessDueAsync()).Claimed);
        Assert.Equal(3, _sender.Sent.Count);
    }

    [Fact]
    public async Task ProcessDue_MoreThanABatch_SaysMoreMayBeDue_UntilAllAreSent()
    {
        for (var i = 1; i <= 5; i++)
        {
            await EnqueueAsync(Message(i));
        }

        var processor = Processor(batchSize: 2);

        Assert.True((await processor.ProcessDueAsync()).MoreMayBeDue);
        Assert.True((await processor.ProcessDueAsync()).MoreMayBeDue);
        Assert.Equal(new OutboxBatchResult(1, 1, 0, false), await processor.ProcessDueAsync());
        Assert.Equal(5, _sender.Sent.Count);
    }

    [Fact]
    public async Task ProcessDue_NotBeforeInTheFuture_IsSentOnlyOnceTheClockPassesIt()
    {
        var remindAt = Start.AddDays(2);
        var ids = await EnqueueAsync(Message(1, notBefore: remindAt));
        var processor = Processor();

        await processor.ProcessDueAsync();
        _clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        await processor.ProcessDueAsync();
        Assert.Empty(_sender.Sent);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await processor.ProcessDueAsync();

        Assert.Equal(ids, _sender.Sent);
        Assert.Equal(remindAt, (await AllAsync()).Single().SentAt);
    }

    [Fact]
    public async Task ProcessDue_SenderFailsThreeTimes_RetriesWithBackoff_ThenSendsIt_AndNoAddressIsKept()
    {
        var id = (await EnqueueAsync(Message(1))).Single();
        _sender.FailFirst(id, 3);
        var processor = Processor();

        await processor.ProcessDueAsync();
        await AssertAttemptsAsync(1, Start.AddSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await processor.ProcessDueAsync()).Claimed);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await processor.ProcessDueAsync();
        await AssertAttemptsAsync(2, Start.AddSeconds(30 + 60));

        _clock.Advance(TimeSpan.FromSeconds(60));
        await processor.ProcessDueAsync();
        await AssertAttemptsAsync(3, Start.AddSeconds(30 + 60 + 120));
        Assert.Empty(_sender.Sent);

        _clock.Advance(TimeSpan.FromSeconds(120));
        var result = await processor.ProcessDueAsync();

        Assert.Equal(new OutboxBatchResult(1, 1, 0, false), result);
        Assert.Equal([id], _sender.Sent);
        var message = (await AllAsync()).Single();
        Assert.Equal(_clock.GetUtcNow(), message.SentAt);
        Assert.Equal(3, message.AttemptCount);
        Assert.StartsWith("System.InvalidOperationException: 550 5.1.1 <[address]>: mailbox of [name] unavailable", message.LastError, StringComparison.Ordinal);
        AssertNoPersonalData(message.LastError!);
        Assert.Contains(_log.Lines, line => line.Contains(id.ToString(), StringComparison.Ordinal) && line.Contains("attempt 3", StringComparison.Ordinal));
        Assert.All(_log.Lines, AssertNoPersonalData);
    }

    [Fact]
    public async Task ProcessDue_AMessageThatKeepsFailing_DoesNotHoldUpTheOthers_WaitsAtMostAnHour_AndIsGivenUpAfterMaxAttempts()
    {
        var ids = await EnqueueAsync(Message(1), Message(2), Message(3));
        _sender.FailFirst(ids[0], int.MaxValue);
        var processor = Processor();

        var result = await processor.ProcessDueAsync();

        Assert.Equal(new OutboxBatchResult(3, 2, 1, false), result);
        Assert.Equal(ids[1..].Order(), _sender.Sent.Order());
        Assert.Equal(MessagingSettings.DefaultMaxAttempts, Settings.MaxAttempts);
        for (var attempt = 2; attempt < Settings.MaxAttempts; attempt++)
        {
            _clock.Advance(OutboxProcessor.RetryDelay(attempt - 1));
            Assert.Equal(1, (await processor.ProcessDueAsync()).Failed);
        }

        var failing = (await AllAsync()).Single(m => m.Id == ids[0]);
        Assert.Equal(Settings.MaxAttempts - 1, failing.AttemptCount);
        Assert.Null(failing.GaveUpAt);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(1), failing.NextAttemptAt);

        // The last attempt fails too: the outbox stops, says so in the log (no address), and never claims it again.
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await processor.ProcessDueAsync()).Failed);
        failing = (await AllAsync()).Single(m => m.Id == ids[0]);
        Assert.Equal(_clock.GetUtcNow(), failing.GaveUpAt);
        Assert.Contains(_log.Lines, line => line.Contains("Gave up sending message " + ids[0], StringComparison.Ordinal));
        Assert.All(_log.Lines, AssertNoPersonalData);
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, (await processor.ProcessDueAsync()).Claimed);
        Assert.Null(failing.SentAt);
    }

    /// <summary>
    /// A secret in a body (a claim code) goes out, and our copy forgets it as soon as the message is sent or cancelled,
    /// whatever its kind: the row says so (<see cref="OutboxMessage.BodyOnceSent"/>), not a special case for one kind.
    /// </summary>
    [Fact]
    public async Task ASecretInTheBody_IsSent_ThenForgotten_OnceSentOrCancelled_WhateverTheKind()
    {
        OutgoingMessage WithSecret(int n, string secret, string? key = null) => new()
        {
            Kind = $"any-kind-{n}",
            ToAddress = $"parent{n}@example.com",
            Subject = "Your code",
            Body = $"Dear Sam,\nYour code is:\n\n{secret}\n\nIt works once.\n",
            CorrelationKey = key,
            About = new MessageAbout(),
            SecretInBody = secret,
        };
        var ids = await EnqueueAsync(WithSecret(1, "QWERT23456"), WithSecret(2, "ZXCVB98765", key: "to-cancel:1"), Message(3));
        var waiting = (await AllAsync()).ToDictionary(m => m.Id);
        Assert.Contains("QWERT23456", waiting[ids[0]].Body, StringComparison.Ordinal);
        Assert.Null(waiting[ids[2]].BodyOnceSent);
        await using (var db = await Factory.CreateDbContextAsync())
        {
            Assert.Equal(1, await OutboxWriter.CancelAsync(db, "to-cancel:1", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await Processor().ProcessDueAsync();

        Assert.Contains("QWERT23456", _sender.Bodies[ids[0]], StringComparison.Ordinal);
        var stored = (await AllAsync()).ToDictionary(m => m.Id);
        Assert.StartsWith($"Dear Sam,\nYour code is:\n\n{OutboxWriter.SecretRemovedText}\n\nIt works once.\n\n--\n", stored[ids[0]].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ZXCVB98765", stored[ids[1]].Body, StringComparison.Ordinal);
        Assert.Null(stored[ids[1]].SentAt);
        Assert.All(stored.Values, m => Assert.Null(m.BodyOnceSent));
        Assert.StartsWith("Dear Sam,\nWe have your application.\n\n--\n", stored[ids[2]].Body, StringComparison.Ordinal);
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var notInBody = new OutgoingMessage { Kind = "k", ToAddress = "a@example.com", Subject = "s", Body = "no secret here", About = new MessageAbout(), SecretInBody = "QWERT23456" };
            await Assert.ThrowsAsync<ArgumentException>(() => OutboxWriter.EnqueueAsync(db, notInBody, _clock.GetUtcNow()));
        }
    }

    [Fact]
    public async Task Cancel_ByKeyOrByPrefix_TheMessagesAreNeverSent()
    {
        var remindAt = Start.AddDays(1);
        await EnqueueAsync(
            Message(1, key: "booking-reminder:42:day-before", notBefore: remindAt),
            Message(2, key: "booking-reminder:42:hour-before", notBefore: remindAt),
            Message(3, key: "booking-reminder:420:day-before", notBefore: remindAt),
            Message(4, key: "application-submitted:5"),
            Message(5, key: "application-submitted:6"));
        await using (var db = await Factory.CreateDbContextAsync())
        {
            await OutboxWriter.EnqueueAsync(db, Message(6, key: "booking-reminder:42:week-after", notBefore: remindAt), _clock.GetUtcNow());
            Assert.Equal(0, await OutboxWriter.CancelByPrefixAsync(db, "BOOKING-REMINDER:", _clock.GetUtcNow()));
            Assert.Equal(3, await OutboxWriter.CancelByPrefixAsync(db, "booking-reminder:42:", _clock.GetUtcNow()));
            Assert.Equal(1, await OutboxWriter.CancelAsync(db, "application-submitted:5", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        _clock.Advance(TimeSpan.FromDays(2));
        await Processor().ProcessDueAsync();

        var stored = await AllAsync();
        Assert.Equal(["application-submitted:6", "booking-reminder:420:day-before"], SentKeys(stored));
        Assert.Equal(4, stored.Count(m => m.CancelledAt == Start));
        Assert.All(stored.Where(m => m.CancelledAt is not null), m => Assert.Null(m.SentAt));
    }

    [Fact]
    public async Task ProcessDue_TwoProcessorsAtOnce_SendEachMessageExactlyOnce()
    {
        var messages = Enumerable.Range(1, 60).Select(i => Message(i)).ToArray();
        var ids = await EnqueueAsync(messages);
        var sender = new RecordingSender { Delay = TimeSpan.FromMilliseconds(2) };
        // Both processors pick the same first batch; the second tries to claim it once the first has.
        var rendezvous = new ClaimRendezvous(participants: 2, stagger: TimeSpan.FromMilliseconds(200));
        var first = Processor(sender, batchSize: 5, factory: new InterceptedFactory(_database, rendezvous));
        var second = Processor(sender, batchSize: 5, factory: new InterceptedFactory(_database, rendezvous));

        var counts = await Task.WhenAll(Task.Run(() => RunUntilEmptyAsync(first)), Task.Run(() => RunUntilEmptyAsync(second)))
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(rendezvous.Met, "both processors tried to claim the first batch at once");
        Assert.Equal(ids.Order(), sender.Sent.Order());
        Assert.Equal(60, counts.Sum());
        Assert.All(await AllAsync(), m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task ProcessDue_AProcessorDiesHoldingMessages_AnotherSendsThemAfterTheLease()
    {
        var ids = await EnqueueAsync(Message(1));
        await using (var db = await Factory.CreateDbContextAsync())
        {
            // As the claiming UPDATE of a processor that then stopped would have left it.
            await db.OutboxMessages.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, "gone-instance:1/claim")
                .SetProperty(m => m.ClaimedUntil, Start + OutboxProcessor.Lease));
        }

        var processor = Processor();
        Assert.Equal(0, (await processor.ProcessDueAsync()).Claimed);
        _clock.Advance(OutboxProcessor.Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await processor.ProcessDueAsync()).Claimed);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await processor.ProcessDueAsync();

        Assert.Equal(ids, _sender.Sent);
    }

    [Fact]
    public async Task Dispatcher_SendsAtStartUp_AndThenEveryPoll()
    {
        await EnqueueAsync(Message(1));
        var processor = Processor();
        var job = new PeriodicJob(OutboxProcessor.JobName, TimeSpan.FromSeconds(5), async (_, cancellationToken) => (await processor.ProcessDueAsync(cancellationToken)).MoreMayBeDue);
        using var services = new ServiceCollection().BuildServiceProvider();
        using var host = new PeriodicJobHost(services, [job], _clock, NullLogger<PeriodicJobHost>.Instance);

        await host.StartAsync(CancellationToken.None);
        await _sender.WaitForSentAsync(1);
        await EnqueueAsync(Message(2));
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _sender.WaitForSentAsync(2);
        await host.StopAsync(CancellationToken.None);

        Assert.Equal(2, _sender.Sent.Count);
    }

    private static async Task<int> RunUntilEmptyAsync(OutboxProcessor processor)
    {
        var sent = 0;
        while (true)
        {
            var result = await processor.ProcessDueAsync();
            sent += result.Sent;
            if (result.Claimed == 0 && !result.MoreMayBeDue)
            {
                return sent;
            }
        }
    }

    private OutboxProcessor Processor(RecordingSender? sender = null, int? batchSize = null, IDbContextFactory<PortalDbContext>? factory = null) =>
        new(factory ?? Factory, sender ?? _sender, Settings with { BatchSize = batchSize ?? Settings.BatchSize }, _clock, _log);

    [Fact]
    public async Task EveryMessage_EndsWithTheServicesContactDetails()
    {
        await EnqueueAsync(Message(1));

        Assert.Equal(
            "Dear Sam,\nWe have your application.\n\n--\nTest Mediation Service\nHelpline: 0300 000 0000 (Weekdays 9 to 5)\nEmail: help@test.example\n",
            (await AllAsync()).Single().Body);
    }

    [Fact]
    public async Task AMessageToAFamily_GoesTheWayTheyChose_TextsWithOnlyTheShortWordsAndNoAttachment()
    {
        var application = Guid.NewGuid();
        var texts = new FamilyContact("Sam Taylor", "sam@example.com", "07700 900 982") { Chosen = MessageChannel.Text };
        var letters = new FamilyContact("Sam Taylor", null, null) { Chosen = MessageChannel.Letter, PostalAddress = ["10 Station Road", "LS1 4AP"] };
        await EnqueueAsync(ForFamily(texts, "case-meeting", application, "PP-2026-000042"), ForFamily(letters, "case-meeting", application, null));

        var stored = await AllAsync();
        var text = stored.Single(m => m.Channel == MessageChannel.Text);
        Assert.Equal(("+447700900982", "Sam Taylor", "PP-2026-000042"), (text.ToAddress, text.ToName, text.Reference));
        Assert.Equal("Test Mediation Service: Your meeting has been arranged. Your reference is PP-2026-000042. Sign in to your account to see the details, or call us on 0300 000 0000.", text.ShortText);
        Assert.Null(text.AttachmentContent);
        var letter = stored.Single(m => m.Channel == MessageChannel.Letter);
        Assert.Equal(("10 Station Road\nLS1 4AP", (string?)null), (letter.ToAddress, letter.AttachmentName));

        await using var db = await Factory.CreateDbContextAsync();
        // Nothing goes when there is no way to send it, when they turned it off, or when a letter would come too late.
        Assert.False(await OutboxWriter.EnqueueAsync(db, ForFamily(new FamilyContact("Sam", null, "01632 960 001"), "case-meeting", application, null), _clock.GetUtcNow()));
        Assert.False(await OutboxWriter.EnqueueAsync(db, ForFamily(new FamilyContact("Sam", "sam@example.com", null) { OptionalMessagesOff = true }, "survey-request", application, null), _clock.GetUtcNow()));
        Assert.False(await OutboxWriter.EnqueueAsync(db, ForFamily(letters, "case-meeting-reminder", application, null), _clock.GetUtcNow()));
        Assert.Empty(db.OutboxMessages.Local);
    }

    [Fact]
    public async Task AFamilysNewWayOfGettingMessages_AppliesToWhatHasNotGoneYet()
    {
        var application = Guid.NewGuid();
        var byEmail = new FamilyContact("Sam Taylor", "sam@example.com", "07700 900 982");
        var reminder = ForFamily(byEmail, "case-meeting-reminder", application, "PP-2026-000042");
        var ids = await EnqueueAsync(ForFamily(byEmail, "case-meeting", application, "PP-2026-000042"), reminder, ForFamily(byEmail, "survey-request", application, "PP-2026-000042"));
        await Processor().ProcessDueAsync();
        await using (var db = await Factory.CreateDbContextAsync())
        {
            // The first went already; the reminder and the survey are waiting (the survey for later).
            var waiting = await db.OutboxMessages.Where(m => m.Id != ids[0]).ToListAsync();
            waiting.ForEach(m => (m.SentAt, m.NextAttemptAt) = (null, _clock.GetUtcNow().AddDays(3)));
            await db.SaveChangesAsync();
        }

        await using (var db = await Factory.CreateDbContextAsync())
        {
            var byText = byEmail with { Chosen = MessageChannel.Text, OptionalMessagesOff = false };
            Assert.Equal(2, await OutboxWriter.ReaddressAsync(db, application, byText, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var stored = (await AllAsync()).ToDictionary(m => m.Id);
        Assert.Equal(MessageChannel.Email, stored[ids[0]].Channel);
        Assert.Equal((MessageChannel.Text, "+447700900982"), (stored[ids[1]].Channel, stored[ids[1]].ToAddress));
        Assert.Null(stored[ids[1]].AttachmentContent);
        Assert.StartsWith("Test Mediation Service: A reminder of your meeting. Your reference is PP-2026-000042.", stored[ids[1]].ShortText, StringComparison.Ordinal);

        await using (var db = await Factory.CreateDbContextAsync())
        {
            Assert.Equal(2, await OutboxWriter.ReaddressAsync(db, application, byEmail with { OptionalMessagesOff = true }, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        stored = (await AllAsync()).ToDictionary(m => m.Id);
        Assert.NotNull(stored[ids[1]].CancelledAt);
        Assert.NotNull(stored[ids[2]].CancelledAt);
    }

    private static OutgoingMessage ForFamily(FamilyContact family, string kind, Guid application, string? reference) => new()
    {
        Kind = kind,
        Family = family,
        Subject = "Your meeting",
        Body = "Your meeting is on Monday.",
        CorrelationKey = $"{kind}:{application:N}:{family.Chosen}:{family.PostalAddress.Count}",
        Attachment = new MessageAttachment { FileName = "invite.ics", ContentType = "text/calendar; method=REQUEST", Content = "BEGIN:VCALENDAR" },
        About = new MessageAbout { ApplicationId = application, ToFamily = true, Reference = reference },
    };

    private async Task<List<Guid>> EnqueueAsync(params OutgoingMessage[] messages)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var ids = new List<Guid>();
        foreach (var message in messages)
        {
            Assert.True(await OutboxWriter.EnqueueAsync(db, message, _clock.GetUtcNow()));
            ids.Add(db.OutboxMessages.Local.Single(m => !ids.Contains(m.Id)).Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    private async Task<List<OutboxMessage>> AllAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    private async Task AssertAttemptsAsync(int attempts, DateTimeOffset nextAttemptAt)
    {
        var message = (await AllAsync()).Single();
        Assert.Equal(attempts, message.AttemptCount);
        Assert.Equal(nextAttemptAt, message.NextAttemptAt);
        Assert.Null(message.SentAt);
        Assert.Null(message.ClaimedBy);
    }

    private static List<string?> SentKeys(List<OutboxMessage> stored) =>
        [.. stored.Where(m => m.SentAt is not null).Select(m => m.CorrelationKey).Order(StringComparer.Ordinal)];

    private static void AssertNoPersonalData(string text)
    {
        Assert.DoesNotContain("@example.com", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Taylor", text, StringComparison.OrdinalIgnoreCase);
    }

    private static OutgoingMessage Message(int n, string? key = null, DateTimeOffset? notBefore = null) => new()
    {
        Kind = "test-message",
        ToAddress = $"parent{n}@example.com",
        ToName = $"Sam Taylor {n}",
        Subject = $"Your application {n}",
        Body = "Dear Sam,\nWe have your application.\n",
        CorrelationKey = key,
        NotBefore = notBefore,
        About = new MessageAbout(),
    };

    private PortalUser NewUser(string subject) =>
        new() { Id = Guid.NewGuid(), Subject = subject, FirstSignedInAt = _clock.GetUtcNow(), LastSignedInAt = _clock.GetUtcNow() };
}

/// <summary>
/// Holds the first claiming UPDATE of each participant until all have reached theirs (so all picked the
/// same candidates), then lets them go one after another, <c>stagger</c> apart: each later claim meets
/// messages an earlier one has already claimed, on every engine, however the threads are scheduled.
/// </summary>
internal sealed class ClaimRendezvous(int participants, TimeSpan stagger) : DbCommandInterceptor
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public bool Met => _allArrived.Task.IsCompletedSuccessfully;

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!command.CommandText.Contains("\"ClaimedBy\" =", StringComparison.Ordinal))
        {
            return result;
        }

        var order = Interlocked.Increment(ref _arrived);
        if (order > participants)
        {
            return result;
        }

        if (order == participants)
        {
            _allArrived.TrySetResult();
        }

        await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await Task.Delay(stagger * (order - 1), cancellationToken);
        return result;
    }
}

/// <summary>Contexts on the test database with an interceptor added, as AddPortalData would make them.</summary>
internal sealed class InterceptedFactory(TestDatabase database, IInterceptor interceptor) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => database.Provider == DatabaseProvider.Postgres
        ? new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(database.ConnectionString).AddInterceptors(interceptor).Options)
        : new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(database.ConnectionString).AddInterceptors(interceptor).Options);
}

public sealed class SqliteOutboxTests() : OutboxTests(DatabaseProvider.Sqlite);

public sealed class PostgresOutboxTests() : OutboxTests(DatabaseProvider.Postgres);
