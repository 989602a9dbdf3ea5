using ParentPortal.Platform.Identity;

namespace ParentPortal.Tests.Platform.Identity;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/applications")]
    [InlineData("/applications/3?step=child")]
    [InlineData("/")]
    public void Sanitize_KeepsLocalPaths(string returnUrl) => Assert.Equal(returnUrl, LocalReturnUrl.Sanitize(returnUrl));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://evil.example/")]
    [InlineData("http:/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("applications")]
    public void Sanitize_SendsAnythingElseToTheStartPage(string? returnUrl) => Assert.Equal("/", LocalReturnUrl.Sanitize(returnUrl));

    [Fact]
    public void Sanitize_RefusesAbsurdlyLongValues() => Assert.Equal("/", LocalReturnUrl.Sanitize("/" + new string('a', 5000)));
}
