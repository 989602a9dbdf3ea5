using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Helpline;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Admin.Privacy;

/// <summary>Families with something of every kind of record, made through the real handlers.</summary>
internal static class PrivacyTestData
{
    public sealed record ClosedCase(Guid Id, string Reference, Guid DocumentId);

    /// <summary>SEN answers with the family's own contact address (the fixture's is shared by every family).</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, string?>> SenPages(string contactEmail)
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => new Dictionary<string, string?>(p.Value));
        pages["contact"]["contact-email"] = contactEmail;
        return pages;
    }

    /// <summary>Bullying answers with the family's own contact address.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, string?>> BullyingPages(string contactEmail)
    {
        var pages = TriageFixtures.BullyingPages().ToDictionary(p => p.Key, p => new Dictionary<string, string?>(p.Value));
        pages["contact"]["contact-email"] = contactEmail;
        return pages;
    }

    /// <summary>
    /// A SEN case where the family took the certificate only: taken by the adviser, certificate issued, a helpline
    /// call logged against its reference, then closed and the survey answered with a comment.
    /// </summary>
    public static async Task<ClosedCase> ClosedCertificateCaseAsync(ApplicationsHost host, ClaimsPrincipal parent, string? contactEmail = null)
    {
        var id = await SubmitAsync(host, parent, contactEmail is null ? TriageFixtures.SenPages() : SenPages(contactEmail));
        Succeeded(await host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.CertificateOnly));
        var issued = await host.Get<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(issued.Succeeded, issued.Message);
        var reference = await ReferenceAsync(host, id);
        await LogCallAsync(host, reference);
        Succeeded(await host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, "Certificate issued; the family will decide about an appeal."));
        var answered = await host.Get<SurveyHandler>().AnswerAsync(parent, id, 4, "The adviser explained everything clearly.");
        Assert.True(answered.Succeeded, answered.Message);
        return new(id, reference, issued.DocumentId!.Value);
    }

    /// <summary>An application an adviser filled in on the phone, which the family then took over with the code they were sent.</summary>
    public static async Task<Guid> PhoneApplicationTakenOverAsync(ApplicationsHost host, ClaimsPrincipal parent, string callerEmail)
    {
        var (id, code) = await PhoneApplicationInvitedAsync(host, callerEmail);
        var claimed = await host.Get<ClaimApplicationHandler>().HandleAsync(parent, code);
        Assert.True(claimed.Succeeded, claimed.Message);
        return id;
    }

    /// <summary>A bullying application an adviser sent for a caller, and the code the family was e-mailed to take it over.</summary>
    public static async Task<(Guid Id, string Code)> PhoneApplicationInvitedAsync(ApplicationsHost host, string callerEmail)
    {
        var started = await host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, new PhoneCallDetails { CallerIs = "parent", CallerName = "Sam Taylor", CallerEmail = callerEmail, ConsentToAct = true, Adaptations = "Prefers calls after 3pm" });
        Assert.True(started.Succeeded, string.Join("; ", started.Errors.Select(e => e.Message)));
        var id = started.ApplicationId!.Value;
        foreach (var (step, values) in BullyingPages(callerEmail))
        {
            var saved = await host.Get<SaveStepHandler>().HandleAsync(Adviser, id, step, values);
            Assert.True(saved.Outcome == SaveStepOutcome.Saved, $"{step}: {string.Join("; ", saved.Errors.Select(e => e.Message))}");
        }

        Assert.Equal(SubmitOutcome.Submitted, (await host.Get<SubmitApplicationHandler>().HandleAsync(Adviser, id)).Outcome);
        var invitation = await host.Get<InviteFamilyHandler>().HandleAsync(Adviser, id);
        Assert.True(invitation.Succeeded, invitation.Message);
        return (id, invitation.Code!);
    }

    public static async Task LogCallAsync(ApplicationsHost host, string reference)
    {
        var (succeeded, errors) = await host.Get<CallLogHandler>().LogAsync(Adviser, new CallForm
        {
            StartedAt = host.Clock.GetUtcNow().AddMinutes(-20),
            DurationMinutes = 15,
            CallerType = CallerType.Parent,
            Topic = CallTopics.All[0].Value,
            Route = "sen",
            Outcome = CallOutcome.InformationGiven,
            ApplicationReference = reference,
        });
        Assert.True(succeeded, string.Join("; ", errors.Select(e => e.Message)));
    }

    public static async Task<string> ReferenceAsync(ApplicationsHost host, Guid applicationId)
    {
        await using var db = await host.DbAsync();
        return await db.Applications.Where(a => a.Id == applicationId).Select(a => a.Reference!).SingleAsync();
    }

    /// <summary>As if the dispatcher had sent everything waiting in the outbox.</summary>
    public static async Task MarkOutboxSentAsync(ApplicationsHost host)
    {
        await using var db = await host.DbAsync();
        var now = host.Clock.GetUtcNow();
        await db.OutboxMessages.Where(m => m.SentAt == null && m.CancelledAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now));
    }

    /// <summary>How many rows every table that holds family data has, to show that a refused erasure changed nothing.</summary>
    public static async Task<string> SnapshotAsync(ApplicationsHost host)
    {
        await using var db = await host.DbAsync();
        return string.Join(", ",
            $"users={await db.Users.CountAsync()}",
            $"applications={await db.Applications.CountAsync()}",
            $"documents={await db.CaseDocuments.CountAsync()}",
            $"events={await db.CaseEvents.CountAsync()}",
            $"meetings={await db.CaseMeetings.CountAsync()}",
            $"surveys={await db.SatisfactionResponses.CountAsync()}",
            $"invitations={await db.ApplicationInvitations.CountAsync()}",
            $"bookings={await db.SessionBookings.CountAsync()}",
            $"seats={await db.InformationSessions.SumAsync(s => s.SeatsTaken)}",
            $"calls-linked={await db.CallLog.CountAsync(c => c.ApplicationId != null)}",
            $"outbox={await db.OutboxMessages.CountAsync()}",
            $"audit={await db.AuditEntries.CountAsync()}");
    }

    public static async Task<T> WithDbAsync<T>(ApplicationsHost host, Func<PortalDbContext, Task<T>> read)
    {
        await using var db = await host.DbAsync();
        return await read(db);
    }

    /// <summary>A parent with a place on a session created through the real handlers; returns the session's id.</summary>
    public static async Task<int> BookedSessionAsync(ApplicationsHost host, TimeSpan startsIn, int capacity, params ClaimsPrincipal[] parents)
    {
        var sessionId = await Booking.SessionTestData.CreateSessionAsync(host, capacity, startsIn);
        foreach (var parent in parents)
        {
            var booked = await host.Get<BookSessionHandler>().HandleAsync(parent, sessionId, null, joinWaitingListIfFull: true);
            Assert.True(booked.Outcome is BookOutcome.Booked or BookOutcome.Waitlisted, booked.Message);
        }

        return sessionId;
    }
}
