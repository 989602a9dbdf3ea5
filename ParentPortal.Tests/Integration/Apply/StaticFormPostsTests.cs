using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Features.Apply;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Apply;

/// <summary>
/// The application's server-rendered forms (issue 18), posted over plain HTTP as a browser without scripts does: a post
/// to someone else's application is refused exactly as a post to one that does not exist is (so it says nothing about
/// whether it exists), never with a server error, and changes nothing.
/// </summary>
public sealed class StaticFormPostsTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: PortalHttpSession.OtherParentAccount());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task PostsToSomeoneElsesApplication_AreRefusedAsForNone_AndChangeNothing()
    {
        var (sam, _) = await PortalHttpSession.SignInAsync(_portal, "demo-parent", "/apply/new?route=sen&la=herts");
        using var _1 = sam;
        var (_, applicantUri) = await PortalHttpSession.StartApplicationAsync(sam, "/apply/new?route=sen&la=herts");
        Assert.EndsWith("/applicant", applicantUri.AbsolutePath, StringComparison.Ordinal);
        var samsDraft = string.Join('/', applicantUri.AbsolutePath.Split('/').Take(3));

        var (other, _) = await PortalHttpSession.SignInAsync(_portal, "other-parent", "/apply/new?route=sen&la=herts");
        using var _2 = other;
        var othersPage = await other.GetStringAsync(new Uri("/apply/new?route=sen&la=herts", UriKind.Relative));

        var answers = new List<string>();
        foreach (var (path, formName) in new[]
        {
            (samsDraft + "/applicant", "step"),
            ($"/apply/{Guid.NewGuid()}/applicant", "step"),
            (samsDraft + "/check-answers", "send"),
            ($"/apply/{Guid.NewGuid()}/check-answers", "send"),
        })
        {
            using var form = Form(othersPage, formName, ("applicant", "parent"));
            using var response = await other.PostAsync(new Uri(path, UriKind.Relative), form);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {(int)response.StatusCode}");
            answers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[2], answers[3]);
        var draft = await _portal.Services.GetRequiredService<GetApplicationHandler>().HandleAsync(TestUsers.Parent(), Guid.Parse(samsDraft.Split('/')[2]));
        Assert.Null(draft!.Answers["applicant"]);
    }

    private static FormUrlEncodedContent Form(string html, string formName, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", PortalHttpSession.HiddenValue(html, "__RequestVerificationToken")))
            .Append(new("_handler", formName)));
}
