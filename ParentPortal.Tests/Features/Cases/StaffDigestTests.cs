using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>Issue 15 item 4: the staff digest, on the test's clock: 8am on working days, once, only with something in it, no family's details.</summary>
public sealed class StaffDigestTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheAdviser_HearsAt8amOnAWorkingDay_WhatNeedsThem_OnceADay()
    {
        // Friday 20 November 2026: Sam's case is the adviser's, with the certificate due in 3 working days (Wednesday);
        // Łukasz's waits in the shared queue; Sam asks for a correction.
        Assert.Equal(DayOfWeek.Friday, _host.Clock.GetUtcNow().DayOfWeek);
        var sams = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, sams));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, sams, SessionChoice.CertificateOnly));
        var lukasz = await SenCaseAsync(_host, Lukasz);
        Assert.True((await _host.Get<AskForCorrectionHandler>().AskAsync(Sam, sams, "child-school", "Hillside Academy"))!.Succeeded);
        var digest = _host.Get<StaffDigestJob>();

        // Saturday and Sunday: nothing. Monday before 8am: nothing yet.
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await digest.RunOnceAsync());
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 7, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await digest.RunOnceAsync());

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        Assert.True(await digest.RunOnceAsync() > 0);
        // Once a day however often the job runs.
        _host.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await digest.RunOnceAsync());

        await using var db = await _host.DbAsync();
        var references = await db.Applications.Where(a => a.Id == sams || a.Id == lukasz).ToDictionaryAsync(a => a.Id, a => a.Reference!);
        var digests = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "staff-digest").ToListAsync();
        var priya = Assert.Single(digests, m => m.ToAddress == "priya.shah@example.org");
        Assert.Equal("What needs you today: Monday 23 November 2026", priya.Subject);
        Assert.False(priya.ToFamily);
        Assert.Null(priya.ApplicationId);
        Assert.Contains($"Applications waiting for an adviser (1):\n- {references[lukasz]}: ", priya.Body, StringComparison.Ordinal);
        Assert.Contains($"- {references[sams]}: Certificate due, Wednesday 25 November 2026 (", priya.Body, StringComparison.Ordinal);
        Assert.Contains($"- {references[sams]}: the family asked for a correction.", priya.Body, StringComparison.Ordinal);
        Assert.Contains($"/advisers/cases/{sams}", priya.Body, StringComparison.Ordinal);
        foreach (var personal in new[] { "Sam Taylor", "Siân", "O'Brien", "Łukasz", "parent@example.com", "07700", "Hillside" })
        {
            Assert.DoesNotContain(personal, priya.Body, StringComparison.Ordinal);
        }

        // The mediator has no cases and no queue: nothing to say, so nothing is sent.
        Assert.DoesNotContain(digests, m => m.ToAddress.Contains("tom", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Anyone_CanTurnTheirOwnDigestOff_Audited_AndTheyAreSentNone()
    {
        var sams = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, sams));
        await SenCaseAsync(_host, Lukasz);
        var choice = _host.Get<DigestChoiceHandler>();
        Assert.Null(await choice.GetAsync(Sam));
        Assert.False(await choice.SetAsync(Sam, false));
        Assert.True(await choice.GetAsync(Adviser));
        Assert.True(await choice.SetAsync(Adviser, false));
        Assert.False(await choice.GetAsync(Adviser));

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero));
        await _host.Get<StaffDigestJob>().RunOnceAsync();
        await using var db = await _host.DbAsync();
        var digests = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "staff-digest").Select(m => m.ToAddress).ToListAsync();
        Assert.DoesNotContain("priya.shah@example.org", digests);
        // A manager still gets theirs (the queue has Łukasz's application waiting).
        Assert.NotEmpty(digests);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "digest-off"));
    }
}
