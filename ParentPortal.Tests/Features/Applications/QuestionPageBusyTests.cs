using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Features.Applications;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Applications;

/// <summary>
/// The question page while another process holds the database's write lock for longer than the busy timeout:
/// the parent is told kindly, in the error summary, and what they typed stays in the form for another try.
/// </summary>
public sealed class QuestionPageBusyTests(SeededDatabase database) : PortalComponentTest(database)
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
}
