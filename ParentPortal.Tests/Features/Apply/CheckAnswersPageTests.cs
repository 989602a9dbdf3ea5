using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Platform.Security;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Apply;

public sealed class CheckAnswersPageTests : PortalComponentTest
{
    private readonly SeededDatabase _database;

    public CheckAnswersPageTests(SeededDatabase database)
        : base(database) => _database = database;

    [Fact]
    public async Task Send_AfterTooManyApplicationsThisMinute_SaysWhyAndKeepsTheDraft()
    {
        var parent = TestUsers.Parent("check-answers-limit", "Parent Limit");
        SignIn("check-answers-limit", "Parent Limit");
        var id = (await Services.GetRequiredService<StartApplicationHandler>().HandleAsync(parent, new ApplicationPrefill(null, null, null)))!.Value;
        foreach (var (step, values) in TriageFixtures.SenPages())
        {
            Assert.Equal(SaveStepOutcome.Saved, (await Services.GetRequiredService<SaveStepHandler>().HandleAsync(parent, id, step, values)).Outcome);
        }

        var limiter = _database.Services.GetRequiredService<UserRateLimiter>();
        for (var i = 0; i < new UserRateLimitOptions().SubmissionsPerMinute; i++)
        {
            Assert.True(limiter.TryAcquire(parent, LimitedAction.Submission, $"sent-earlier-{i}"));
        }

        var page = Render<CheckAnswersPage>(p => p.Add(c => c.Id, id));
        var send = page.WaitForElement("button:not([disabled])");
        Assert.Contains("Accept and send", send.TextContent, StringComparison.Ordinal);

        await send.ClickAsync(new());

        var alert = page.WaitForElement("[role='alert']");
        Assert.Contains(SubmitApplicationHandler.TooManySubmissionsMessage, alert.TextContent, StringComparison.Ordinal);
        await using var db = await _database.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(ApplicationStatus.Draft, (await db.Applications.SingleAsync(a => a.Id == id)).Status);
    }
}
