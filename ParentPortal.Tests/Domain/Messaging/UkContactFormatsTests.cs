using ParentPortal.Domain.Messaging;

namespace ParentPortal.Tests.Domain.Messaging;

public sealed class UkContactFormatsTests
{
    [Theory]
    [InlineData("07700 900982", "+447700900982")]
    [InlineData("07700-900-982", "+447700900982")]
    [InlineData("+44 7700 900982", "+447700900982")]
    [InlineData("+44 (0)7700 900982", "+447700900982")]
    [InlineData("0044 7700 900982", "+447700900982")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("+1 (202) 555-0143", "+12025550143")]
    public void MobileNumbers_AreTakenInTheFormATextServiceUses(string typed, string expected) =>
        Assert.Equal(expected, UkContactFormats.MobileNumber(typed));

    [Theory]
    [InlineData("01632 960 001")] // a landline cannot get texts
    [InlineData("+44 20 7946 0000")]
    [InlineData("0770 090 098")] // one digit short
    [InlineData("077009009822")] // one too many
    [InlineData("+0 123 456 789")]
    [InlineData("7700 900982")]
    [InlineData("07700 9OO982")] // letters for noughts
    [InlineData("")]
    [InlineData(null)]
    public void NumbersThatCannotGetTexts_AreRefused(string? typed) =>
        Assert.Null(UkContactFormats.MobileNumber(typed));

    [Theory]
    [InlineData("sw1a 1aa", "SW1A 1AA")]
    [InlineData("LS14AP", "LS1 4AP")]
    [InlineData(" M1 1AE ", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    [InlineData("EC1A 1BB", "EC1A 1BB")]
    public void Postcodes_LookLikeTheRoyalMailWritesThem(string typed, string expected) =>
        Assert.Equal(expected, UkContactFormats.Postcode(typed));

    [Theory]
    [InlineData("SW1A")]
    [InlineData("12345")]
    [InlineData("LS1 4A")]
    [InlineData("QQ1 1AA")] // Q never starts a postcode
    [InlineData("LS1 4CI")] // C and I never end one
    [InlineData("")]
    [InlineData(null)]
    public void ThingsThatAreNotPostcodes_AreRefused(string? typed) =>
        Assert.Null(UkContactFormats.Postcode(typed));
}
