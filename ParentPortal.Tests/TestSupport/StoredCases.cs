using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
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
}
