using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Tests.Domain.Meetings;

public sealed class MeetingPlaceTests
{
    [Theory]
    [InlineData("HTTPS://teams.example.com/l/meetup-join/19%3Ameeting", "https://teams.example.com/l/meetup-join/19%3Ameeting")]
    [InlineData("Https://zoom.example/j/123", "https://zoom.example/j/123")]
    [InlineData("https://zoom.example/j/ABC", "https://zoom.example/j/ABC")]
    public void AnOnlineLink_IsKeptWithItsSchemeInLowerCase_AndTheRestAsTyped(string typed, string kept)
    {
        var errors = new List<FieldError>();

        var place = MeetingPlace.Read(SessionFormat.Online, typed, null, null, "meeting", "Enter the venue", errors);

        Assert.Empty(errors);
        Assert.Equal(kept, place.Link);
    }

    [Theory]
    [InlineData("http://zoom.example/j/123")]
    [InlineData("zoom.example/j/123")]
    public void ALinkThatIsNotHttps_IsRefused(string typed)
    {
        var errors = new List<FieldError>();

        MeetingPlace.Read(SessionFormat.Online, typed, null, null, "meeting", "Enter the venue", errors);

        Assert.Equal("Enter the meeting link, starting https://", Assert.Single(errors).Message);
    }
}
