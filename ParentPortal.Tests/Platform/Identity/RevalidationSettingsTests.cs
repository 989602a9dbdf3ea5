using Microsoft.Extensions.Configuration;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Tests.Platform.Identity;

/// <summary>A mistyped interval stops start-up with a message; it never reaches the open tabs' checks.</summary>
public sealed class RevalidationSettingsTests
{
    private static RevalidationSettings Read(string? value) =>
        RevalidatingPortalAuthenticationState.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [RevalidatingPortalAuthenticationState.IntervalKey] = value })
            .Build());

    [Theory]
    [InlineData(null, 30)]
    [InlineData("", 30)]
    [InlineData("00:00:01", 1)]
    [InlineData("00:02:00", 120)]
    [InlineData("01:00:00", 3600)]
    public void AGoodValue_OrNone_IsUsed(string? value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Read(value).Every);

    [Theory]
    [InlineData("thirty seconds")]
    [InlineData("00:00:00")]
    [InlineData("-00:00:30")]
    [InlineData("02:00:00")]
    [InlineData("00:00:00.5")]
    public void ABadValue_StopsStartUp_SayingWhatToGive(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(value));

        Assert.Contains(RevalidatingPortalAuthenticationState.IntervalKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. 00:00:30", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 12 * 60)]
    [InlineData("08:00:00", 8 * 60)]
    [InlineData("00:05:00", 5)]
    public void TheAbsoluteLifetime_DefaultsToTwelveHours(string? value, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RevalidatingPortalAuthenticationState.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [RevalidatingPortalAuthenticationState.AbsoluteLifetimeKey] = value })
            .Build()).AbsoluteLifetime);

    [Theory]
    [InlineData("twelve hours")]
    [InlineData("00:01:00")]
    [InlineData("8.00:00:00")]
    public void ABadAbsoluteLifetime_StopsStartUp(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RevalidatingPortalAuthenticationState.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [RevalidatingPortalAuthenticationState.AbsoluteLifetimeKey] = value })
            .Build()));

        Assert.Contains(RevalidatingPortalAuthenticationState.AbsoluteLifetimeKey, error.Message, StringComparison.Ordinal);
    }
}
