using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Apply;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>
/// Every question page of every route, rendered with bUnit against the real handlers: sending it empty
/// shows an error summary naming each required field, and each message is tied to its input.
/// </summary>
public sealed class QuestionPageTests(SeededDatabase database) : PortalComponentTest(database)
{
    private static readonly ClaimsPrincipal Parent = TestUsers.Parent();

    public static TheoryData<string> Routes => ["sen", "bullying", "facilitation"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachPage_SentEmpty_ListsEveryRequiredAnswerInTheErrorSummary(string route)
    {
        SignIn("demo-parent", "Sam Taylor");
        var pages = route switch
        {
            "sen" => TriageFixtures.SenPages(),
            "bullying" => TriageFixtures.BullyingPages(),
            _ => TriageFixtures.FacilitationPages(),
        };
        var id = (await Services.GetRequiredService<StartApplicationHandler>().HandleAsync(Parent, new ApplicationPrefill(null, null, null)))!.Value;
        var checkedPages = 0;

        foreach (var (stepKey, values) in pages)
        {
            var step = TriageQuestions.Find(stepKey)!;
            var page = Render<QuestionPage>(p => p.Add(c => c.Id, id).Add(c => c.StepKey, stepKey));
            page.WaitForElement("form.question-form");

            await page.Find("form.question-form").SubmitAsync();

            var required = step.Fields.Where(f => f.Required && f.RevealedBy is null).ToList();
            if (required.Count > 0)
            {
                var summary = page.WaitForElement(".error-summary");
                foreach (var field in required)
                {
                    Assert.Contains(field.RequiredMessage, summary.TextContent, StringComparison.Ordinal);
                    var error = page.Find($"#f-{field.Key}-error");
                    Assert.Contains(field.RequiredMessage, error.TextContent, StringComparison.Ordinal);
                    var describedBy = page.FindAll($"[aria-describedby~='f-{field.Key}-error']");
                    Assert.NotEmpty(describedBy);
                }

                Assert.Contains("Error:", page.Markup, StringComparison.Ordinal);
                checkedPages++;
            }

            var saved = await Services.GetRequiredService<SaveStepHandler>().HandleAsync(Parent, id, stepKey, values);
            Assert.Equal(SaveStepOutcome.Saved, saved.Outcome);
            await DisposeComponentsAsync();
        }

        Assert.True(checkedPages >= 10, $"only {checkedPages} pages had required answers");
    }

    [Fact]
    public async Task ARevealedQuestion_IsRequiredOnlyOnceItsOptionIsChosen()
    {
        SignIn("demo-parent", "Sam Taylor");
        var id = (await Services.GetRequiredService<StartApplicationHandler>().HandleAsync(Parent, new ApplicationPrefill("facilitation", "herts", null)))!.Value;
        var page = Render<QuestionPage>(p => p.Add(c => c.Id, id).Add(c => c.StepKey, "meeting-date"));
        page.WaitForElement("form.question-form");
        // In the page for a form without scripts, inside the option's conditional block (which CSS hides while "yes" is not chosen).
        Assert.NotNull(page.Find("#f-meeting-date-known--yes-conditional #f-meeting-date-day"));
        await page.Find("form.question-form").SubmitAsync();
        Assert.DoesNotContain("Enter the date of the meeting", page.Markup, StringComparison.Ordinal);

        page.Find("#f-meeting-date-known--yes").Change(true);
        await page.Find("form.question-form").SubmitAsync();

        var summary = page.WaitForElement(".error-summary");
        Assert.Contains("Enter the date of the meeting", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal("#f-meeting-date-day", summary.QuerySelector("a")!.GetAttribute("href")![^19..]);
    }

    [Fact]
    public async Task ADateWithAnImpossibleDay_IsShownBackAsTyped_WithTheMessage()
    {
        SignIn("demo-parent", "Sam Taylor");
        var id = (await Services.GetRequiredService<StartApplicationHandler>().HandleAsync(Parent, new ApplicationPrefill("sen", "herts", null)))!.Value;
        var page = Render<QuestionPage>(p => p.Add(c => c.Id, id).Add(c => c.StepKey, "sen-letter-date"));
        page.WaitForElement("form.question-form");

        page.Find("#f-sen-letter-date-day").Change("31");
        page.Find("#f-sen-letter-date-month").Change("2");
        page.Find("#f-sen-letter-date-year").Change("2026");
        await page.Find("form.question-form").SubmitAsync();

        page.WaitForElement(".error-summary");
        Assert.Contains("The date the decision letter was sent must be a real date", page.Find("#f-sen-letter-date-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("31", page.Find("#f-sen-letter-date-day").GetAttribute("value"));
    }

    [Fact]
    public async Task AnotherParentsDraft_IsNotShown()
    {
        SignIn("demo-parent-2", "Łukasz Dvořák");
        var id = (await Services.GetRequiredService<StartApplicationHandler>().HandleAsync(Parent, new ApplicationPrefill("sen", "herts", null)))!.Value;

        var page = Render<QuestionPage>(p => p.Add(c => c.Id, id).Add(c => c.StepKey, "applicant"));

        Assert.Empty(page.FindAll("form"));
    }

    /// <summary>
    /// A link to a server-rendered page under the application ("sharing", "share"), followed inside the interactive page,
    /// reaches this page (the interactive router skips pages excluded from it): it is loaded from the server instead of
    /// ending on the confirmation. Failed before the fix, in the browser, as SharingTests showed.
    /// </summary>
}
