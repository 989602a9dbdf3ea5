using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ParentPortal.Platform.Security;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Security;

public sealed class UserRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
    private readonly UserRateLimiter _limiter;

    public UserRateLimiterTests() =>
        _limiter = new UserRateLimiter(_clock, Options.Create(new UserRateLimitOptions { BookingsPerMinute = 3, SubmissionsPerMinute = 2 }));

    [Fact]
    public void TryAcquire_UpToTheLimit_ThenRefusesTheNextTarget()
    {
        var sam = TestUsers.Parent();

        var results = Enumerable.Range(1, 4).Select(i => _limiter.TryAcquire(sam, LimitedAction.Booking, $"session-{i}")).ToList();

        Assert.Equal([true, true, true, false], results);
    }

    [Fact]
    public void TryAcquire_TheSameTargetAgain_UsesNoMoreOfTheAllowance()
    {
        var sam = TestUsers.Parent();
        Assert.True(_limiter.TryAcquire(sam, LimitedAction.Submission, "application-1"));
        Assert.True(_limiter.TryAcquire(sam, LimitedAction.Submission, "application-2"));

        Assert.True(_limiter.TryAcquire(sam, LimitedAction.Submission, "application-1"));
        Assert.True(_limiter.TryAcquire(sam, LimitedAction.Submission, "application-2"));
        Assert.False(_limiter.TryAcquire(sam, LimitedAction.Submission, "application-3"));
    }

    [Fact]
    public void TryAcquire_AMinuteAfterTheWindowOpened_AllowsAgain()
    {
        var sam = TestUsers.Parent();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_limiter.TryAcquire(sam, LimitedAction.Booking, $"session-{i}"));
        }

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(_limiter.TryAcquire(sam, LimitedAction.Booking, "session-late"));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_limiter.TryAcquire(sam, LimitedAction.Booking, "session-late"));
    }

    [Fact]
    public void TryAcquire_CountsEachPersonAndEachActionSeparately()
    {
        var sam = TestUsers.Parent("demo-parent", "Sam Taylor");
        var lukasz = TestUsers.Parent("demo-parent-2", "Łukasz Dvořák");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_limiter.TryAcquire(sam, LimitedAction.Booking, $"session-{i}"));
        }

        Assert.False(_limiter.TryAcquire(sam, LimitedAction.Booking, "session-x"));
        Assert.True(_limiter.TryAcquire(lukasz, LimitedAction.Booking, "session-x"));
        Assert.True(_limiter.TryAcquire(sam, LimitedAction.Submission, "application-1"));
    }

    [Fact]
    public void TryAcquire_ForSomeoneNotSignedIn_IsNotCounted()
    {
        var anonymous = TestUsers.Anonymous();

        Assert.All(Enumerable.Range(0, 10), i => Assert.True(_limiter.TryAcquire(anonymous, LimitedAction.Booking, $"session-{i}")));
    }

    [Fact]
    public void TryAcquire_ManyAtOnce_NeverLetsMoreThanTheLimitThrough()
    {
        var sam = TestUsers.Parent();

        var granted = Enumerable.Range(0, 200).AsParallel().Count(i => _limiter.TryAcquire(sam, LimitedAction.Booking, $"session-{i}"));

        Assert.Equal(3, granted);
    }
}
