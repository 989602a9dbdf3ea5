using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Messaging;

namespace ParentPortal.Tests.Domain.Messaging;

/// <summary>Issue 15 items 2 and 5: how a message reaches a family, and what a text message may say.</summary>
public sealed class MessageKindsTests
{
    [Fact]
    public void AText_SaysWhatHappened_TheReference_AndHowToFindOutMore()
    {
        Assert.Equal(
            "Family Mediation Service: A document is ready for you to download. Your reference is PP-2026-000123. Sign in to your account to see the details, or call us on 0300 123 4567.",
            MessageKinds.Text("document-ready", "PP-2026-000123", "Family Mediation Service", "0300 123 4567"));
        Assert.Equal(
            "Family Mediation Service: We have an update about your application. Sign in to your account to see the details, or call us on 0300 123 4567.",
            MessageKinds.Text("something-new", null, "Family Mediation Service", "0300 123 4567"));
    }

    [Fact]
    public void EveryText_FitsInTwoTextMessages_AndNamesNothingAboutTheFamily()
    {
        foreach (var kind in MessageKinds.WithTextLines)
        {
            var text = MessageKinds.Text(kind, "PP-2026-000123", "Family Mediation Service", "0300 123 4567");
            Assert.True(text.Length <= 306, $"{kind}: {text.Length} characters");
            // The words are the same for every family: nothing of theirs can be in them.
            Assert.Equal(text, MessageKinds.Text(kind, "PP-2026-000123", "Family Mediation Service", "0300 123 4567"));
            // Nor anything a reader of the phone could infer them from: special educational needs, race, a health condition.
            foreach (var word in new[] { "autism", "diagnos", "needs", "child", "EHC", "bully", "SEN", "tribunal", "advocacy", "racis", "ethnic", "Parental Supporter", "health" })
            {
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("session-reminder", true)]
    [InlineData("case-meeting-reminder", true)]
    [InlineData("agreed-action-reminder", true)]
    [InlineData("survey-request", true)]
    [InlineData("appeal-reminder", false)] // a legal deadline always goes
    [InlineData("application-submitted", false)]
    [InlineData("case-meeting", false)]
    [InlineData("document-ready", false)]
    public void OnlyRemindersAndTheSurvey_CanBeTurnedOff(string kind, bool optional) =>
        Assert.Equal(optional, MessageKinds.IsOptional(kind));

    [Fact]
    public void AFamily_IsReachedTheWayTheyChose_WhenThatWayCanBeUsed()
    {
        var texts = new FamilyContact("Sam", "sam@example.com", "07700 900 982") { Chosen = MessageChannel.Text };
        Assert.Equal(new MessageRoute(MessageChannel.Text, "+447700900982"), texts.RouteFor("application-submitted"));

        var letters = new FamilyContact("Sam", null, "01632 960 001") { Chosen = MessageChannel.Letter, PostalAddress = ["10 Station Road", "LS1 4AP"] };
        Assert.Equal(new MessageRoute(MessageChannel.Letter, "10 Station Road\nLS1 4AP"), letters.RouteFor("case-meeting"));
        // A reminder of tomorrow's meeting would arrive too late by post.
        Assert.Null(letters.RouteFor("case-meeting-reminder"));

        Assert.Equal(new MessageRoute(MessageChannel.Email, "sam@example.com"), new FamilyContact("Sam", "sam@example.com", "07700 900 982").RouteFor("case-meeting"));
    }

    [Fact]
    public void WithoutTheWayTheyChose_ItFallsBackToEmail_ThenToAMobile_ElseNothing()
    {
        // Texts chosen, but the number is a landline: e-mail if there is one.
        Assert.Equal(MessageChannel.Email, new FamilyContact("Sam", "sam@example.com", "01632 960 001") { Chosen = MessageChannel.Text }.RouteFor("case-meeting")!.Channel);
        // An application from before the question, with only a mobile: a text rather than nothing.
        Assert.Equal(MessageChannel.Text, new FamilyContact("Sam", null, "07700 900 982").RouteFor("case-meeting")!.Channel);
        Assert.Null(new FamilyContact("Sam", null, "01632 960 001").RouteFor("case-meeting"));
    }

    [Fact]
    public void AFamilyWhoTurnedOffOptionalMessages_StillGetsTheOnesThatMatter()
    {
        var family = new FamilyContact("Sam", "sam@example.com", null) { OptionalMessagesOff = true };
        Assert.Null(family.RouteFor("session-reminder"));
        Assert.Null(family.RouteFor("survey-request"));
        Assert.NotNull(family.RouteFor("appeal-reminder"));
        Assert.NotNull(family.RouteFor("document-ready"));
    }
}
