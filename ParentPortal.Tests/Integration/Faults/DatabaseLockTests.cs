using System.Globalization;
using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Apply;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Faults;

/// <summary>
/// Another process (ParentPortal.Tests.SubmissionDriver hold-lock) holds the SQLite file's write lock while a
/// parent continues, sends or starts an application through the real handlers. A lock well under the busy
/// timeout only makes the save wait; a longer one gets a kind "try again", changes nothing, and the same
/// action succeeds once the lock has gone.
/// </summary>
public sealed class DatabaseLockTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Parent = TestUsers.Parent("lock-parent", "Lock Test Parent");
    private static readonly ClaimsPrincipal NewParent = TestUsers.Parent("lock-parent-2", "Second Lock Test Parent");
    private readonly SqliteTestDatabase _database = new();
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync(_database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void TheBusyTimeout_IsSetDeliberately()
    {
        var connection = new SqliteConnectionStringBuilder(_host.Get<DatabaseSettings>().ConnectionString);

        Assert.Equal(DatabaseBusy.SqliteBusyTimeoutSeconds, connection.DefaultTimeout);
    }

    [Fact]
    public async Task AShortLock_OnlyMakesTheSaveWait()
    {
        var id = await StartAsync("route", "applicant", "local-authority");
        using var holder = await HoldLockAsync(seconds: 2);
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var result = await Save(id, "sen-decision");

        var finishedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(SaveStepOutcome.Saved, result.Outcome);
        Assert.True(await holder.ExitsWithinAsync(TimeSpan.FromSeconds(30)) && holder.ExitCode == 0, holder.Errors);
        var releasedAt = Time(holder, "released");
        Assert.True(startedAt < releasedAt, "The save began after the lock had gone, so it tested nothing.");
        Assert.True(finishedAt >= releasedAt, "The save finished while the other process still held the write lock.");
        Assert.Equal("refusal-to-assess", (await AnswersAsync(id))["sen-decision"]);
    }

    [Fact]
    public async Task ALongLock_GetsAKindTryAgain_KeepsTheDraft_AndTheSameActionsWorkOnceItHasGone()
    {
        var draft = await StartAsync("route", "applicant", "local-authority");
        var complete = await StartAsync([.. TriageFixtures.SenPages().Keys]);
        int applicationsBefore;
        await using (var db = await _host.DbAsync())
        {
            applicationsBefore = await db.Applications.CountAsync();
        }

        var draftBefore = await RowAsync(draft);
        using var holder = await HoldLockAsync(seconds: DatabaseBusy.SqliteBusyTimeoutSeconds + 4);

        // Three parents at once: one continuing, one sending, one starting. On the thread pool, as circuits run:
        // Microsoft.Data.Sqlite waits for a lock by sleeping its thread, and xunit's own two threads would
        // otherwise let only two of them wait at a time.
        var saving = Task.Run(() => Save(draft, "sen-decision"));
        var sending = Task.Run(() => _host.Get<SubmitApplicationHandler>().HandleAsync(Parent, complete));
        var starting = Task.Run(() => _host.Get<StartApplicationHandler>().StartAsync(NewParent, new ApplicationPrefill("sen", "herts", null)));
        var saved = await saving;
        var sent = await sending;
        var started = await starting;
        var gaveUpAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(SaveStepOutcome.Busy, saved.Outcome);
        Assert.Equal(
            "We could not save your answers just now because the service is busy. Your answers are still on this page. Please press Continue again in a moment",
            Assert.Single(saved.Errors).Message);
        Assert.Equal(StepValidator.PageErrorKey, saved.Errors[0].FieldKey);
        Assert.Equal(new SubmitResult(SubmitOutcome.Busy), sent);
        Assert.Equal(new StartResult(StartOutcome.Busy), started);
        Assert.True(await holder.ExitsWithinAsync(TimeSpan.FromSeconds(30)) && holder.ExitCode == 0, holder.Errors);
        Assert.True(gaveUpAt < Time(holder, "released"), "The handlers waited for the lock to go, so the busy path was not tested.");

        // Nothing the parents had saved before is lost, and nothing half-done was kept.
        var draftAfter = await RowAsync(draft);
        Assert.Equal(draftBefore.Version, draftAfter.Version);
        Assert.Equal(draftBefore.AnswersJson, draftAfter.AnswersJson);
        var unsent = await RowAsync(complete);
        Assert.Equal(ApplicationStatus.Draft, unsent.Status);
        Assert.Null(unsent.Reference);
        Assert.True(TriageFlow.IsComplete(TriageAnswers.FromJson(unsent.AnswersJson), await _host.Get<TriageContextSource>().GetAsync()));
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(applicationsBefore, await db.Applications.CountAsync());
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.CorrelationKey == "application-submitted:" + complete));
        }

        // Pressing the same buttons again, now the lock has gone.
        Assert.Equal(SaveStepOutcome.Saved, (await Save(draft, "sen-decision")).Outcome);
        Assert.Equal("refusal-to-assess", (await AnswersAsync(draft))["sen-decision"]);
        var resent = await _host.Get<SubmitApplicationHandler>().HandleAsync(Parent, complete);
        Assert.Equal(SubmitOutcome.Submitted, resent.Outcome);
        Assert.Equal(resent.Reference, (await RowAsync(complete)).Reference);
        Assert.Equal(StartOutcome.Started, (await _host.Get<StartApplicationHandler>().StartAsync(NewParent, new ApplicationPrefill("sen", "herts", null))).Outcome);
    }

    private async Task<DriverProcess> HoldLockAsync(double seconds)
    {
        var holder = DriverProcess.Start("hold-lock", _database.FilePath, seconds.ToString(CultureInfo.InvariantCulture));
        if (!await holder.WaitForLineAsync(line => line.StartsWith("locked ", StringComparison.Ordinal), TimeSpan.FromSeconds(30)))
        {
            var errors = holder.Errors;
            holder.Dispose();
            Assert.Fail("The other process did not take the lock: " + errors);
        }

        return holder;
    }

    private static long Time(DriverProcess holder, string kind) =>
        long.Parse(holder.Lines.Single(line => line.StartsWith(kind + " ", StringComparison.Ordinal))[(kind.Length + 1)..], CultureInfo.InvariantCulture);

    private async Task<Guid> StartAsync(params string[] steps)
    {
        var id = (await _host.Get<StartApplicationHandler>().HandleAsync(Parent, new ApplicationPrefill(null, null, null)))!.Value;
        foreach (var step in steps)
        {
            Assert.Equal(SaveStepOutcome.Saved, (await Save(id, step)).Outcome);
        }

        return id;
    }

    private Task<SaveStepResult> Save(Guid id, string step) =>
        _host.Get<SaveStepHandler>().HandleAsync(Parent, id, step, TriageFixtures.SenPages()[step]);

    private async Task<TriageAnswers> AnswersAsync(Guid id) => TriageAnswers.FromJson((await RowAsync(id)).AnswersJson);

    private async Task<Application> RowAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }
}
