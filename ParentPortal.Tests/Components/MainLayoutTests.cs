using Bunit;
using Microsoft.AspNetCore.Components;
using ParentPortal.Components.Layout;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Components;

public sealed class MainLayoutTests(SeededDatabase database) : PortalComponentTest(database)
{
    [Fact]
    public void SignedOut_ShowsTheServiceNameFromData_AndASignInLink()
    {
        var layout = RenderLayout();

        Assert.Contains("Test Mediation Service", layout.Find(".site-header__name").TextContent, StringComparison.Ordinal);
        Assert.Contains("Sign in", layout.Find(".site-header__account").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Start", "Check deadlines"], MainNavigation(layout));
    }

    [Fact]
    public void Parent_SeesTheirApplications_AndNotTheAdviserConsole()
    {
        SignIn("demo-parent", "Sam Taylor");

        var layout = RenderLayout();

        Assert.Equal(["Start", "Check deadlines", "Your applications"], MainNavigation(layout));
        Assert.Contains("Signed in as Sam Taylor", layout.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.Adviser)]
    [InlineData(PortalRoles.Mediator)]
    public void Staff_SeeTheAdviserConsole_AndNotParentsApplications(string role)
    {
        SignIn("demo-staff", "Priya Shah", role);

        var layout = RenderLayout();

        Assert.Equal(["Start", "Check deadlines", "Adviser console", "Cases"], MainNavigation(layout));
    }

    /// <summary>Issue 13 item 3: an LA officer refers families from their own account, so they also see where their referrals are.</summary>
    [Fact]
    public void AnLaOfficer_SeesTheConsole_AndTheirReferrals()
    {
        SignIn("demo-la-officer", "Gwen Ellis", PortalRoles.LaOfficer);

        var layout = RenderLayout();

        Assert.Equal(["Start", "Check deadlines", "Refer a family", "Adviser console", "Cases"], MainNavigation(layout));
    }

    [Fact]
    public void Manager_AlsoSeesServiceSettings()
    {
        SignIn("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager);

        var layout = RenderLayout();

        Assert.Equal(["Start", "Check deadlines", "Adviser console", "Cases", "Service settings"], MainNavigation(layout));
    }

    [Fact]
    public void Footer_LinksToPrivacyAccessibilityAndTheHelpline_WithTheNumberFromData()
    {
        var layout = RenderLayout();

        var footer = layout.Find("footer");
        var links = footer.QuerySelectorAll("a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Privacy notice", "privacy"), links);
        Assert.Contains(("Accessibility statement", "accessibility"), links);
        Assert.Contains(("Contact the helpline", "contact"), links);
        Assert.Contains(("0300 000 0000", "tel:03000000000"), links);
    }

    [Fact]
    public void SignOut_IsAFormPostWithAnAntiforgeryToken()
    {
        SignIn("demo-parent", "Sam Taylor");

        var form = RenderLayout().Find("form.inline-form");

        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(p => p.Body, (RenderFragment)(builder => builder.AddContent(0, "page body"))));

    private static string[] MainNavigation(IRenderedComponent<MainLayout> layout) =>
        [.. layout.FindAll("nav[aria-label='Main'] a").Select(a => a.TextContent.Trim())];
}
