using Bunit;
using ParentPortal.Features.Home;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Home;

public sealed class StartPageTests(SeededDatabase database) : PortalComponentTest(database)
{
    [Fact]
    public void StartPage_NamesTheLocalAuthoritiesServed_FromData()
    {
        var page = Render<StartPage>();

        Assert.Contains("We work with families in Bedford Borough, Essex and Hertfordshire.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void StartPage_SaysWhoItIsForAndWhatHappensNext_InNeutralWords()
    {
        var page = Render<StartPage>();

        var headings = page.FindAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Who this is for", headings);
        Assert.Contains("What happens next", headings);
        Assert.Contains("We do not take sides", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("you must", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("you should mediate", page.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StartPage_OffersThePhoneAsWellAsTheForm()
    {
        var page = Render<StartPage>();

        Assert.Equal("tel:03000000000", page.Find("main a[href^='tel:'], a[href^='tel:']").GetAttribute("href"));
    }
}
