using System.Security.Claims;
using Microsoft.Extensions.Options;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Security;

/// <summary>What <see cref="UserRateLimiter"/> counts, each with its own allowance.</summary>
public enum LimitedAction
{
    Booking,
    Submission,

    /// <summary>A member of staff typing in a code a family read out to share their draft (each different code counts).</summary>
    DraftShareCode,
}

/// <summary>Settings under <c>RateLimits</c>: how many different things one person may do in a minute.</summary>
public sealed class UserRateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Session bookings (a parent's own, or an adviser's for families) per person per minute.</summary>
    public int BookingsPerMinute { get; set; } = 10;

    /// <summary>Applications sent per person per minute.</summary>
    public int SubmissionsPerMinute { get; set; } = 5;

    /// <summary>Different draft-sharing codes one member of staff may try per minute: enough for typing mistakes, too few to guess.</summary>
    public int DraftShareCodesPerMinute { get; set; } = 10;
}

/// <summary>
/// Per-person limits inside the handlers. Blazor events arrive over the circuit's one WebSocket, so the ASP.NET
/// rate limiter (HTTP middleware) never sees a click: the handler has to count. A fixed one-minute window per
/// person and action, on the injected clock so tests can move time on.
/// <para>
/// The allowance counts different targets (sessions, applications): doing the same thing again in the window (a
/// double click, a second tab, a replayed event) uses none of it, so it still gets the handler's idempotent answer.
/// </para>
/// </summary>
public sealed class UserRateLimiter(TimeProvider clock, IOptions<UserRateLimitOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(string Subject, LimitedAction Action), WindowState> _windows = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>
    /// True when <paramref name="user"/> may act on <paramref name="target"/> now (and counts it); false when they
    /// have already acted on as many other targets as allowed this minute. People who are not signed in are not
    /// counted: every limited handler refuses them anyway.
    /// </summary>
    public bool TryAcquire(ClaimsPrincipal user, LimitedAction action, string target)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(target);
        var subject = user.Subject();
        if (subject is null)
        {
            return true;
        }

        var limit = LimitFor(action);
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now);
            var key = (subject, action);
            if (!_windows.TryGetValue(key, out var window) || now >= window.Start + Window)
            {
                window = new WindowState(now);
                _windows[key] = window;
            }

            if (window.Targets.Contains(target))
            {
                return true;
            }

            if (window.Targets.Count >= limit)
            {
                return false;
            }

            window.Targets.Add(target);
            return true;
        }
    }

    private int LimitFor(LimitedAction action) => action switch
    {
        LimitedAction.Booking => options.Value.BookingsPerMinute,
        LimitedAction.Submission => options.Value.SubmissionsPerMinute,
        LimitedAction.DraftShareCode => options.Value.DraftShareCodesPerMinute,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    // Once a window's time, forget the windows that have ended, so memory follows the people active this minute.
    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var (key, window) in _windows.Where(w => now >= w.Value.Start + Window).ToList())
        {
            _windows.Remove(key);
        }

        _nextSweep = now + Window;
    }

    private sealed class WindowState(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public HashSet<string> Targets { get; } = new(StringComparer.Ordinal);
    }
}

public static class UserRateLimiterSetup
{
    /// <summary>Registers <see cref="UserRateLimiter"/> once (each feature that uses it calls this), bound to <c>RateLimits</c>.</summary>
    public static IServiceCollection AddUserRateLimiter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(UserRateLimiter)))
        {
            return services;
        }

        services.AddOptions<UserRateLimitOptions>()
            .Bind(configuration.GetSection(UserRateLimitOptions.Section))
            .Validate(o => o.BookingsPerMinute > 0 && o.SubmissionsPerMinute > 0 && o.DraftShareCodesPerMinute > 0, "RateLimits:BookingsPerMinute, :SubmissionsPerMinute and :DraftShareCodesPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<UserRateLimiter>();
        return services;
    }
}
