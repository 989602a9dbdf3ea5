using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Localisation;

namespace ParentPortal.Tests.Platform.Localisation;

/// <summary>Issue 17: what the portal's localiser does with a string, in each language.</summary>
public sealed class PortalLocalisationTests
{
    private static readonly Lazy<ServiceProvider> Services = new(() =>
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalLocalisation(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    });

    private static IStringLocalizer<TriageText> Triage => Services.Value.GetRequiredService<IStringLocalizer<TriageText>>();

    [Fact]
    public void AMissingTranslation_FallsBackToEnglish_NeverAKey_AndIsNoted()
    {
        using var scope = PortalLanguages.Use(PortalLanguages.Welsh);
        var text = Services.Value.GetRequiredService<IStringLocalizer<FamilyText>>()["A sentence nobody has translated yet: {0}", 3];

        Assert.Equal("A sentence nobody has translated yet: 3", text.Value);
        Assert.Contains(Services.Value.GetRequiredService<MissingTranslations>().For(PortalLanguages.Welsh), m => m.Text == "A sentence nobody has translated yet: {0}");
    }

    /// <summary>A text message's fixed words (issue 17): in Welsh for every kind a family is sent, the reference and the
    /// helpline's number as they are.</summary>
    [Fact]
    public void EveryTextMessage_IsInWelsh_WithTheReferenceAndNumberAsTheyAre()
    {
        var family = Services.Value.GetRequiredService<IStringLocalizer<FamilyText>>();
        using var scope = PortalLanguages.Use(PortalLanguages.Welsh);
        foreach (var kind in ParentPortal.Domain.Messaging.MessageKinds.WithTextLines)
        {
            var words = ParentPortal.Domain.Messaging.MessageKinds.TextWording(kind, "ABCD-2345", "The Service", "0300 123 4567");
            var text = family.Say(words);
            Assert.Contains("ABCD-2345", text, StringComparison.Ordinal);
            Assert.Contains("0300 123 4567", text, StringComparison.Ordinal);
            Assert.StartsWith("The Service: ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sign in to your account", text, StringComparison.Ordinal);
            Assert.DoesNotContain(words.Parts[1].Text, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AWording_IsTranslatedWithItsParts_AndItsDateIsWrittenInTheLanguage()
    {
        var date = new DateOnly(2027, 1, 7);
        var wording = Wording.Format("The {0} to contact the mediation adviser run until {1}.",
            ParentPortal.Domain.Deadlines.PeriodText.MonthsWording(2), WordingPart.LongDate(date));

        using (PortalLanguages.Use(PortalLanguages.English))
        {
            Assert.Equal("The 2 calendar months to contact the mediation adviser run until Thursday 7 January 2027.", Triage.Say(wording));
        }

        using (PortalLanguages.Use(PortalLanguages.Welsh))
        {
            var welsh = Triage.Say(wording);
            Assert.Contains("Ionawr 2027", welsh, StringComparison.Ordinal);
            Assert.DoesNotContain("calendar months", welsh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ThePseudoLanguage_WrapsEveryLetter_AndKeepsPlaceholders()
    {
        var wrapped = PseudoText.Of("What do you need? {0} of {1}");

        Assert.StartsWith(PseudoText.Open, wrapped, StringComparison.Ordinal);
        Assert.EndsWith(PseudoText.Close, wrapped, StringComparison.Ordinal);
        Assert.Contains("{0}", wrapped, StringComparison.Ordinal);
        Assert.Contains("{1}", wrapped, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]", wrapped.Replace("{0}", "", StringComparison.Ordinal).Replace("{1}", "", StringComparison.Ordinal));
        Assert.Equal("[!!", string.Format(CultureInfo.InvariantCulture, wrapped, "Sam", 2)[..3]);
    }

    /// <summary>Every question, option, hint and message of the triage has a Welsh translation (Welsh is shipped complete).</summary>
    [Fact]
    public void EveryTriageText_HasAWelshTranslation_WithTheSamePlaceholders()
    {
        var context = new TriageContext(new DateOnly(2026, 12, 7), [new Option("herts", "Hertfordshire") { IsName = true }]);
        var texts = new List<string?>();
        foreach (var step in TriageQuestions.All)
        {
            texts.AddRange([step.Title, step.Hint, step.YoungPersonTitle, step.ProfessionalTitle, step.SummaryLabel]);
            foreach (var field in step.Fields)
            {
                texts.AddRange([field.Label, field.Hint, field.RequiredMessage, field.MessageName, field.EarliestDateMessage, field.SummaryLabel]);
                foreach (var option in field.Options(TriageAnswers.Empty, context).Where(o => !o.IsName))
                {
                    texts.AddRange([option.Label, option.Hint]);
                }
            }
        }

        var welsh = Welsh();
        var missing = texts.OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Where(t => !welsh.ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0, "No Welsh for: " + string.Join(" | ", missing));
        var placeholders = new System.Text.RegularExpressions.Regex(@"\{\d+\}");
        Assert.All(welsh, pair => Assert.Equal(
            placeholders.Matches(pair.Key).Select(m => m.Value).Order(StringComparer.Ordinal),
            placeholders.Matches(pair.Value).Select(m => m.Value).Order(StringComparer.Ordinal)));
    }

    private static Dictionary<string, string> Welsh()
    {
        var resources = new System.Resources.ResourceManager("ParentPortal.Platform.Localisation.TriageText", typeof(TriageText).Assembly);
        var set = resources.GetResourceSet(CultureInfo.GetCultureInfo(PortalLanguages.Welsh), createIfNotExists: true, tryParents: false)!;
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
