using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Cases;
using ParentPortal.Tests.Domain.Triage;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// A family's sent application, stored as the submit handler leaves it, for tests that run the real portal on the
/// real clock (the OpenID provider and handler must agree on the time). Answering the questions through the handlers
/// would tie those tests to today's date; the handler tests and the triage journeys cover that path.
/// </summary>
public static class StoredCases
{
    public static async Task<Guid> SubmittedAsync(IServiceProvider services, string ownerSubject, string ownerName, IReadOnlyDictionary<string, Dictionary<string, string?>>? pages = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var owner = await db.Users.FirstOrDefaultAsync(u => u.Subject == ownerSubject)
            ?? db.Users.Add(new PortalUser { Id = Guid.NewGuid(), Subject = ownerSubject, DisplayName = ownerName, Email = ownerSubject + "@example.com", FirstSignedInAt = now, LastSignedInAt = now }).Entity;
        var answers = TriageFixtures.Build(pages ?? TriageFixtures.SenPages());
        var application = new Application
        {
            Id = Guid.NewGuid(),
            OwnerId = owner.Id,
            Status = ApplicationStatus.Submitted,
            Route = answers.Route,
            LocalAuthorityId = await db.LocalAuthorities.Where(l => l.Code == answers[AnswerKeys.LocalAuthority]).Select(l => (int?)l.Id).SingleOrDefaultAsync(),
            AnswersJson = answers.ToJson(),
            CreatedAt = now,
            UpdatedAt = now,
            SubmittedAt = now,
            Reference = ApplicationReference.New(),
            CreatedBySubject = ownerSubject,
        };
        application.SearchText = ParentPortal.Domain.Triage.ApplicationSearchText.For(answers, owner.DisplayName, owner.Email, application.Reference);
        db.Applications.Add(application);
        // As the submit handler: the case's first history entry, and the family's consent as sent.
        CaseFile.ForHistory(application, CaseActor.Family(ownerSubject, ownerName), now, entity => db.Add(entity)).RecordSubmitted();
        await db.SaveChangesAsync();
        return application.Id;
    }

    /// <summary>
    /// An SEN case of the demo parent's whose mediation meeting (the family, the decision maker and the mediator, Tom Okafor)
    /// has just been held, through the staff's handlers: ready for the mediator to write the agreement.
    /// </summary>
    public static async Task<(Guid CaseId, System.Security.Claims.ClaimsPrincipal Mediator)> MeetingHeldAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var caseId = await SubmittedAsync(services, "demo-parent", "Sam Taylor", TriageFixtures.SenPages());
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", "adviser");
        var mediator = TestUsers.Make("demo-mediator", "Tom Okafor", "mediator");
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var mediatorId = await db.StaffMembers.Where(s => s.Subject == "demo-mediator").Select(s => s.Id).SingleAsync();
            Assert.True((await services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, caseId)).Succeeded);
            Assert.True((await services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, caseId, SessionChoice.TryMediation)).Succeeded);
            Assert.True((await services.GetRequiredService<AssignMediatorHandler>().HandleAsync(adviser, caseId, mediatorId)).Succeeded);
        }

        Assert.True((await services.GetRequiredService<ScheduleMeetingHandler>().HandleAsync(mediator, caseId, new MeetingForm
        {
            Date = DateOnly.FromDateTime(DateTime.Today.AddDays(40)), Starts = new TimeOnly(10, 0), Ends = new TimeOnly(12, 0), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/mediation",
            People = [new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative }, new() { Name = "Dr Helen Ward", Role = AttendeeRole.LaDecisionMaker }],
        })).Succeeded);
        await MeetingJustEndedAsync(services, caseId);
        foreach (var party in new[] { MeetingParty.Family, MeetingParty.LocalAuthority })
        {
            Assert.True((await services.GetRequiredService<SkipIndividualMeetingHandler>().HandleAsync(adviser, caseId, party, "Met the mediator by phone")).Succeeded);
        }

        Assert.True((await services.GetRequiredService<ChangeStageHandler>().HandleAsync(mediator, caseId, CaseStage.MeetingHeld, null)).Succeeded);
        return (caseId, mediator);
    }

    /// <summary>The case's meeting, arranged weeks ahead (the notice rule), moved to have just ended so it can be marked held.</summary>
    public static async Task MeetingJustEndedAsync(IServiceProvider services, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var meeting = await db.CaseMeetings.SingleAsync(m => m.ApplicationId == caseId);
        meeting.StartsAt = DateTimeOffset.UtcNow.AddHours(-2);
        meeting.EndsAt = DateTimeOffset.UtcNow.AddHours(-1);
        await db.SaveChangesAsync();
    }
}
