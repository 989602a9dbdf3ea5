using CsCheck;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Tests.Domain.Triage;

public sealed class ApplicationReferenceTests
{
    [Fact]
    public void New_IsTwoGroupsOfFour_WithNoAmbiguousCharacters()
    {
        for (var i = 0; i < 2000; i++)
        {
            var reference = ApplicationReference.New();

            Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", reference);
            Assert.DoesNotContain(reference, c => "0O1IL".Contains(c, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("k7mr-9qxt", "K7MR-9QXT")]
    [InlineData(" K7MR 9QXT ", "K7MR-9QXT")]
    [InlineData("K7MR9QXT", "K7MR-9QXT")]
    public void Normalise_AcceptsWhatPeopleType(string typed, string expected) =>
        Assert.Equal(expected, ApplicationReference.Normalise(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7MR-9QX")]
    [InlineData("K7MR-9QX0")]
    [InlineData("K7MR-9QXI")]
    public void Normalise_RefusesWhatCannotBeAReference(string? typed) => Assert.Null(ApplicationReference.Normalise(typed));

    [Fact]
    public void Normalise_OfANewReference_IsItself() =>
        Gen.Int.Sample(_ => ApplicationReference.Normalise(ApplicationReference.New()) is { } r && r.Length == 9);
}
