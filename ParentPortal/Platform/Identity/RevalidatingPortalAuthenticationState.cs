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
    RevalidationSettings settings) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>When this sign-in happened (Unix milliseconds), added to the sign-in cookie by <see cref="SignInRecorder"/>.</summary>
    public const string SignedInAtClaim = "portal_signed_in_at";

    public const string IntervalKey = "Authentication:RevalidateEvery";

    /// <summary>This tab's sign-in was ended by a check, not by the person here: the page says so (/signed-out).</summary>
    public bool EndedWhileOpen { get; private set; }

    protected override TimeSpan RevalidationInterval => settings.Every;

    /// <summary>Read once at start-up, so a mistyped value stops the portal with a message instead of failing every tab's check.</summary>
    public static RevalidationSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[IntervalKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(TimeSpan.FromSeconds(30));
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var every) && every >= TimeSpan.FromSeconds(1) && every <= TimeSpan.FromHours(1)
            ? new(every)
            : throw new InvalidOperationException($"{IntervalKey} is '{text}'. Give a time between 00:00:01 and 01:00:00, e.g. 00:00:30.");
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var user = authenticationState.User;
        if (user.Subject() is not { } subject)
        {
            return true;
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
public sealed record RevalidationSettings(TimeSpan Every);
