using System.Text;
using ParentPortal.Platform.Security;

namespace ParentPortal.Tests.Platform.Security;

public sealed class FormNulCharactersTests
{
    [Theory]
    [InlineData("a=1&b=2", "a=1&b=2")]
    [InlineData("a=%00", "a=")]
    [InlineData("a=x%00y%00%00z&b=%000", "a=xyz&b=0")]
    [InlineData("a=%2500", "a=%2500")]
    [InlineData("a=%0", "a=%0")]
    [InlineData("%00a=1", "a=1")]
    [InlineData("a=%0A%20", "a=%0A%20")]
    public void TakesOutEncodedNuls_AndNothingElse(string posted, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(FormNulCharacters.WithoutEncodedNuls(Encoding.ASCII.GetBytes(posted))));
}
