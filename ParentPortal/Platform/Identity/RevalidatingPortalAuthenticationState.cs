using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;

namespace ParentPortal.Platform.Identity;

/// <summary>
/// Who is signed in to an open interactive tab, checked again every <c>Authentication:RevalidateEvery</c> (default 30
/// seconds) against the portal's data: a member of staff who has lost a role or been deactivated, or anyone who has
/// signed out in another tab since this tab's sign-in, is no longer signed in here (the page then asks them to sign in
/// again). Handlers check the staff list themselves as well, so nothing is done in between on the old powers.
/// </summary>
public sealed class RevalidatingPortalAuthenticationState(
    ILoggerFactory loggerFactory,
    IDbContextFactory<PortalDbContext> contextFactory,
    RevalidationSettings settings,
    TimeProvider clock) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>When this sign-in happened (Unix milliseconds), added to the sign-in cookie by <see cref="SignInRecorder"/>.</summary>
    public const string SignedInAtClaim = "portal_signed_in_at";

    public const string IntervalKey = "Authentication:RevalidateEvery";

    public const string AbsoluteLifetimeKey = "Authentication:AbsoluteLifetime";

    /// <summary>This tab's sign-in was ended by a check, not by the person here: the page says so (/signed-out).</summary>
    public bool EndedWhileOpen { get; private set; }

    protected override TimeSpan RevalidationInterval => settings.Every;

    /// <summary>Read once at start-up, so a mistyped value stops the portal with a message instead of failing every tab's check.</summary>
    public static RevalidationSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var every = ReadTime(configuration, IntervalKey, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "00:00:30");
        var lifetime = ReadTime(configuration, AbsoluteLifetimeKey, TimeSpan.FromHours(12), TimeSpan.FromMinutes(5), TimeSpan.FromDays(7), "12:00:00");
        return new(every, lifetime);
    }

    private static TimeSpan ReadTime(IConfiguration configuration, string key, TimeSpan fallback, TimeSpan least, TimeSpan most, string example)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= least && value <= most
            ? value
            : throw new InvalidOperationException($"{key} is '{text}'. Give a time between {least.ToString("c", CultureInfo.InvariantCulture)} and {most.ToString("c", CultureInfo.InvariantCulture)}, e.g. {example}.");
    }

    /// <summary>
    /// A sign-in lasts at most <see cref="RevalidationSettings.AbsoluteLifetime"/> from the moment it happened, however active
    /// the person is (the cookie's own expiry slides with use): a shared or stolen cookie stops working. A cookie without the
    /// sign-in time (issued before it was recorded) counts as expired.
    /// </summary>
    public static bool OutlivedItsSignIn(ClaimsPrincipal user, DateTimeOffset now, TimeSpan absoluteLifetime) =>
        user.Identity?.IsAuthenticated == true && (SignedInAt(user) is not { } signedInAt || now - signedInAt > absoluteLifetime);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var user = authenticationState.User;
        if (user.Subject() is not { } subject)
        {
            return true;
        }

        if (OutlivedItsSignIn(user, clock.GetUtcNow(), settings.AbsoluteLifetime))
        {
            EndedWhileOpen = true;
            return false;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var valid = await StillHoldsRolesAsync(db, user, subject, cancellationToken) && !await SignedOutSinceAsync(db, user, subject, cancellationToken);
        EndedWhileOpen = !valid;
        return valid;
    }

    /// <summary>Every portal role this tab was opened with is still the person's, on an active staff record.</summary>
    private static async Task<bool> StillHoldsRolesAsync(PortalDbContext db, ClaimsPrincipal user, string subject, CancellationToken cancellationToken)
    {
        var claimed = user.FindAll(PortalRoles.ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (claimed.Count == 0)
        {
            return true;
        }

        return claimed.IsSubsetOf(await StaffRoleClaimsTransformation.CurrentRolesAsync(db, subject, cancellationToken));
    }

    private static async Task<bool> SignedOutSinceAsync(PortalDbContext db, ClaimsPrincipal user, string subject, CancellationToken cancellationToken)
    {
        var signedOutAt = await db.Users.Where(u => u.Subject == subject).Select(u => u.SignedOutAt).FirstOrDefaultAsync(cancellationToken);
        if (signedOutAt is null)
        {
            return false;
        }

        return SignedInAt(user) is not { } signedInAt || signedInAt <= signedOutAt.Value;
    }

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    public static Claim SignedInAtClaimFor(DateTimeOffset at) =>
        new(SignedInAtClaim, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
}

/// <param name="Every">How often an open tab checks the person again.</param>
/// <param name="AbsoluteLifetime">How long a sign-in lasts at most, however active the person is.</param>
public sealed record RevalidationSettings(TimeSpan Every, TimeSpan AbsoluteLifetime);
