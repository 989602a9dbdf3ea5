using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Admin.Privacy.PrivacyTestData;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Admin.Privacy;

/// <summary>The retention clean-up on a real database, the clock moved on day by day past each period.</summary>
public sealed partial class RetentionJobTests : IAsyncLifetime
{
    private static readonly RetentionOptions Defaults = new();
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private RetentionJob Job => _host.Get<RetentionJob>();

    [Fact]
    public async Task EachKindOfRecord_GoesWhenItsPeriodEnds_NotADayBefore_AndOpenCasesAreNeverTouched()
    {
        var open = await SenCaseAsync(_host, Sam);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, open));
        var closed = await ClosedCertificateCaseAsync(_host, Lukasz, "lukasz@example.com");
        var phone = await PhoneApplicationTakenOverAsync(_host, Sam, "sam.phone@example.com");
        await MarkOutboxSentAsync(_host);
        var start = _host.Clock.GetUtcNow();
        var sentMessages = await WithDbAsync(_host, db => db.OutboxMessages.CountAsync());
        Assert.True(sentMessages > 0);

        // Nothing is due yet: nothing changes and nothing is audited.
        Assert.Equal(0, (await Job.RunOnceAsync()).Total);
        Assert.False(await WithDbAsync(_host, db => db.AuditEntries.AnyAsync(a => a.Action == RetentionJob.AuditAction)));

        // E-mails: address, subject and body go a day after the period; the row stays, with its kind, for counting.
        await AdvanceToAsync(start + Defaults.OutboxContent - TimeSpan.FromHours(1));
        Assert.Equal(0, (await Job.RunOnceAsync()).OutboxMessagesCleared);
        await AdvanceToAsync(start + Defaults.OutboxContent);
        var counts = await Job.RunOnceAsync();
        Assert.Equal(sentMessages, counts.OutboxMessagesCleared);
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(sentMessages, await db.OutboxMessages.CountAsync());
            Assert.All(await db.OutboxMessages.ToListAsync(), m => Assert.Equal(("", null, "", "", null), (m.ToAddress, m.ToName, m.Subject, m.Body, m.AttachmentContent)));
            Assert.True(await db.OutboxMessages.AllAsync(m => m.Kind != ""));
        }

        // The claimed invitation goes its period after it was claimed.
        await AdvanceToAsync(start + Defaults.Invitations);
        Assert.Equal(1, (await Job.RunOnceAsync()).Invitations);
        Assert.False(await WithDbAsync(_host, db => db.ApplicationInvitations.AnyAsync()));

        // The survey keeps its rating; the comment goes.
        await AdvanceToAsync(start + Defaults.SurveyComments - TimeSpan.FromDays(1));
        Assert.Equal(0, (await Job.RunOnceAsync()).SurveyCommentsRemoved);
        await AdvanceToAsync(start + Defaults.SurveyComments);
        Assert.Equal(1, (await Job.RunOnceAsync()).SurveyCommentsRemoved);
        var survey = await WithDbAsync(_host, db => db.SatisfactionResponses.SingleAsync());
        Assert.Equal((4, null), (survey.Rating, survey.Comment));

        // Helpline calls: the monitoring records go after theirs.
        await AdvanceToAsync(start + Defaults.CallLog);
        Assert.Equal(1, (await Job.RunOnceAsync()).CallLogEntries);

        // A day before six years from closing, the closed case is all there; on the day, all of it goes.
        await AdvanceToAsync(start + Defaults.ClosedCases - TimeSpan.FromDays(1));
        Assert.Equal(0, (await Job.RunOnceAsync()).ClosedCases);
        Assert.True(await WithDbAsync(_host, db => db.CaseDocuments.AnyAsync(d => d.ApplicationId == closed.Id)));
        await AdvanceToAsync(start + Defaults.ClosedCases);
        counts = await Job.RunOnceAsync();
        Assert.Equal((1, 1, 1), (counts.ClosedCases, counts.Documents, counts.SurveyResponses));
        Assert.True(counts.CaseEvents >= 3, counts.Detail());
        await using (var db = await _host.DbAsync())
        {
            Assert.False(await db.Applications.AnyAsync(a => a.Id == closed.Id));
            Assert.False(await db.CaseDocuments.AnyAsync());
            Assert.False(await db.CaseEvents.AnyAsync(e => e.ApplicationId == closed.Id));
            Assert.False(await db.SatisfactionResponses.AnyAsync());

            // Cases not closed are kept, however old: the service has to close them first.
            Assert.Equal(2, await db.Applications.CountAsync(a => a.Id == open || a.Id == phone));
            Assert.True(await db.CaseEvents.AnyAsync(e => e.ApplicationId == open));

            // Audit entries six years old go; the ones written by the runs since (younger than their period) stay.
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.At <= _host.Clock.GetUtcNow() - Defaults.AuditEntries));
            var runs = await db.AuditEntries.Where(a => a.Action == RetentionJob.AuditAction).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(5, runs.Count);
            Assert.All(runs, r =>
            {
                Assert.Equal((RetentionJob.ActorSubject, "retention", null), (r.ActorSubject, r.TargetType, r.TargetId));
                Assert.Matches(CountsOnly(), r.Detail);
            });
            Assert.Contains("closed-cases=1 documents=1", runs[^1].Detail, StringComparison.Ordinal);
            Assert.True(counts.AuditEntries > 0, counts.Detail());
        }
    }

    [Fact]
    public async Task TheAuditLog_LosesOnlyEntriesOlderThanItsPeriod()
    {
        Assert.True((await _host.Get<FamilySearchQuery>().HandleAsync(Adviser, "Sam")).Succeeded);
        var first = await WithDbAsync(_host, db => db.AuditEntries.CountAsync());
        Assert.True(first > 0);
        await AdvanceToAsync(_host.Clock.GetUtcNow() + TimeSpan.FromDays(1000));
        Assert.True((await _host.Get<FamilySearchQuery>().HandleAsync(Adviser, "Sam")).Succeeded);
        var later = await WithDbAsync(_host, db => db.AuditEntries.CountAsync()) - first;
        Assert.Equal(1, later);

        await AdvanceToAsync(ApplicationsHost.Start + Defaults.AuditEntries - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await Job.RunOnceAsync()).AuditEntries);
        await AdvanceToAsync(ApplicationsHost.Start + Defaults.AuditEntries + TimeSpan.FromSeconds(1));
        var counts = await Job.RunOnceAsync();

        Assert.Equal(first, counts.AuditEntries);
        await using var db = await _host.DbAsync();
        // What is left: the later search, and the runs' own entries (the first run removed the demo accounts nobody used).
        Assert.Equal(later, await db.AuditEntries.CountAsync(a => a.Action != RetentionJob.AuditAction));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == RetentionJob.AuditAction));
    }

    [Fact]
    public async Task BookingsGoAfterTheirSession_AndThenAnAccountWithNothingLeftGoes()
    {
        var parents = await Booking.SessionTestData.ParentsAsync(_host, 2, "booker");
        var sessionId = await BookedSessionAsync(_host, TimeSpan.FromDays(3), 10, parents[0]);
        var endsAt = await WithDbAsync(_host, db => db.InformationSessions.Where(s => s.Id == sessionId).Select(s => s.EndsAt).SingleAsync());

        // The parent who never booked has nothing under their account: it goes after the inactive-account period.
        await AdvanceToAsync(ApplicationsHost.Start + Defaults.InactiveAccounts);
        var counts = await Job.RunOnceAsync();
        Assert.Equal(0, counts.SessionBookings);
        Assert.True(counts.InactiveAccounts >= 1, counts.Detail());
        await using (var db = await _host.DbAsync())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Subject == "booker-1"));
            Assert.True(await db.Users.AnyAsync(u => u.Subject == "booker-0"));
        }

        // The booking goes its period after the session ended; the account, with nothing left, straight after.
        await AdvanceToAsync(endsAt + Defaults.SessionBookings);
        counts = await Job.RunOnceAsync();
        Assert.Equal((1, 1), (counts.SessionBookings, counts.InactiveAccounts));
        Assert.False(await WithDbAsync(_host, db => db.SessionBookings.AnyAsync()));
        Assert.False(await WithDbAsync(_host, db => db.Users.AnyAsync(u => u.Subject == "booker-0")));

        // Staff records are not sign-in records: they stay.
        Assert.True(await WithDbAsync(_host, db => db.StaffMembers.AnyAsync(s => s.Subject == "demo-manager")));
    }

    [Fact]
    public async Task UnsentMessages_KeepTheirContent_HoweverOld()
    {
        await SenCaseAsync(_host, Sam);
        await AdvanceToAsync(ApplicationsHost.Start + TimeSpan.FromDays(400));

        Assert.Equal(0, (await Job.RunOnceAsync()).OutboxMessagesCleared);
        Assert.True(await WithDbAsync(_host, db => db.OutboxMessages.AllAsync(m => m.Body != "" && m.ToAddress != "")));
    }

    [Theory]
    [InlineData("AuditEntries", "30.00:00:00", "kept for at least 365 days")]
    [InlineData("ClosedCases", "00:00:00", "at least one day")]
    [InlineData("CallLog", "06:00:00", "at least one day")]
    public void APeriodThatWouldDeleteTooSoon_StopsStartUp(string setting, string value, string expected)
    {
        var options = new RetentionOptions();
        typeof(RetentionOptions).GetProperty(setting)!.SetValue(options, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var problems = options.Problems();

        Assert.Contains(problems, p => p.Contains(setting, StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(new RetentionOptions().Problems());
    }

    private async Task AdvanceToAsync(DateTimeOffset when)
    {
        var now = _host.Clock.GetUtcNow();
        Assert.True(when >= now, $"the clock only moves forward ({now:O} to {when:O})");
        _host.Clock.Advance(when - now);
        await Task.CompletedTask;
    }

    [GeneratedRegex("^([a-z-]+=\\d+ ?)+$")]
    private static partial Regex CountsOnly();
}
