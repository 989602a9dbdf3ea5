using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>
/// The question page and "Check your answers" while another process holds the database's write lock for longer
/// than the busy timeout: the parent is told kindly, what they typed stays in the form, nothing is sent, and the
/// same button works once the lock has gone.
/// </summary>
public sealed class BusyDatabasePageTests(SeededDatabase database) : PortalComponentTest(database)
{
    private static readonly ClaimsPrincipal Parent = TestUsers.Parent();
    private readonly SeededDatabase _database = database;

    [Fact]
    public async Task ContinueWhileTheDatabaseIsLocked_ShowsAKindMessage_KeepsWhatWasTyped_AndWorksOnceTheLockHasGone()
    {
        SignIn("demo-parent", "Sam Taylor");
        var id = (await Services.GetRequiredService<StartApplicationHandler>().HandleAsync(Parent, new ApplicationPrefill("sen", "herts", null)))!.Value;
        var page = Render<QuestionPage>(p => p.Add(c => c.Id, id).Add(c => c.StepKey, "child-name"));
        page.WaitForElement("form.question-form");
        var navigation = Services.GetRequiredService<NavigationManager>();
        var address = navigation.Uri;
        page.Find("#f-child-first-name").Change("Siân");
        page.Find("#f-child-last-name").Change("O'Brien-Núñez");

        using (var holder = DriverProcess.Start("hold-lock", _database.FilePath, "9"))
        {
            Assert.True(await holder.WaitForLineAsync(line => line.StartsWith("locked ", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), holder.Errors);

            await page.Find("form.question-form").SubmitAsync();

            var summary = page.WaitForElement(".error-summary");
            Assert.Contains("We could not save your answers just now because the service is busy. Your answers are still on this page.", summary.TextContent, StringComparison.Ordinal);
            Assert.Equal("Siân", page.Find("#f-child-first-name").GetAttribute("value"));
            Assert.Equal("O'Brien-Núñez", page.Find("#f-child-last-name").GetAttribute("value"));
            Assert.Equal(address, navigation.Uri);
            Assert.Null((await Services.GetRequiredService<GetApplicationHandler>().HandleAsync(Parent, id))!.Answers["child-first-name"]);
            Assert.True(await holder.ExitsWithinAsync(TimeSpan.FromSeconds(30)) && holder.ExitCode == 0, holder.Errors);
        }

        await page.Find("form.question-form").SubmitAsync();

        Assert.NotEqual(address, navigation.Uri);
        Assert.Equal("Siân", (await Services.GetRequiredService<GetApplicationHandler>().HandleAsync(Parent, id))!.Answers["child-first-name"]);
    }

    [Fact]
    public async Task AcceptAndSendWhileTheDatabaseIsLocked_SaysTryAgain_SendsNothing_AndSendsOnceTheLockHasGone()
    {
        var parent = TestUsers.Parent("busy-check-answers", "Parent Busy");
        SignIn("busy-check-answers", "Parent Busy");
        var id = (await Services.GetRequiredService<StartApplicationHandler>().HandleAsync(parent, new ApplicationPrefill(null, null, null)))!.Value;
        foreach (var (step, values) in TriageFixtures.SenPages())
        {
            Assert.Equal(SaveStepOutcome.Saved, (await Services.GetRequiredService<SaveStepHandler>().HandleAsync(parent, id, step, values)).Outcome);
        }

        var page = Render<CheckAnswersPage>(p => p.Add(c => c.Id, id));
        var navigation = Services.GetRequiredService<NavigationManager>();
        var address = navigation.Uri;

        using (var holder = DriverProcess.Start("hold-lock", _database.FilePath, "9"))
        {
            Assert.True(await holder.WaitForLineAsync(line => line.StartsWith("locked ", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), holder.Errors);

            await page.WaitForElement("button:not([disabled])").ClickAsync(new());

            Assert.Contains(SubmitApplicationHandler.BusyMessage, page.WaitForElement("[role='alert']").TextContent, StringComparison.Ordinal);
            Assert.Equal(address, navigation.Uri);
            Assert.Equal(ApplicationStatus.Draft, (await Services.GetRequiredService<GetApplicationHandler>().HandleAsync(parent, id))!.Status);
            Assert.True(await holder.ExitsWithinAsync(TimeSpan.FromSeconds(30)) && holder.ExitCode == 0, holder.Errors);
        }

        await page.WaitForElement("button:not([disabled])").ClickAsync(new());

        Assert.EndsWith("/confirmation", navigation.Uri, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Submitted, (await Services.GetRequiredService<GetApplicationHandler>().HandleAsync(parent, id))!.Status);
    }
}
