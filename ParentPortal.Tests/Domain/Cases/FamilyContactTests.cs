using ParentPortal.Domain.Cases;
using ParentPortal.Tests.Domain.Triage;

namespace ParentPortal.Tests.Domain.Cases;

/// <summary>Who the family is, for letters and documents: the name and contact the application gives, never the referrer's.</summary>
public sealed class FamilyContactTests
{
    [Fact]
    public void Parent_IsNamedAsTheyGaveTheirName_EvenWhenTheSignInCarriesNoName()
    {
        // GOV.UK One Login sends no name claim: the sign-in record has none.
        var contact = FamilyContact.Of(CaseProfile.From(TriageFixtures.Build(TriageFixtures.SenPages())), ownerName: null, ownerEmail: "sign-in@example.com");

        Assert.Equal("Sam Taylor", contact.Name);
        Assert.Equal("parent@example.com", contact.Email);
    }

    [Fact]
    public void Parent_NameGivenInTheApplication_ComesBeforeTheSignInName()
    {
        var contact = FamilyContact.Of(CaseProfile.From(TriageFixtures.Build(TriageFixtures.SenPages())), ownerName: "S. T. (account)", ownerEmail: null);

        Assert.Equal("Sam Taylor", contact.Name);
    }

    [Fact]
    public void YoungPerson_IsNamedByTheNameTheyGaveForThemselves()
    {
        var pages = TriageFixtures.SenPages().Where(p => p.Key != "your-name").ToDictionary();
        pages["applicant"] = new() { ["applicant"] = "young-person" };

        var contact = FamilyContact.Of(CaseProfile.From(TriageFixtures.Build(pages)), ownerName: null, ownerEmail: null);

        Assert.Equal("Siân O'Brien-Núñez", contact.Name);
    }
}
