using System.Threading.RateLimiting;

namespace ParentPortal.Platform.Security;

/// <summary>
/// Rate limits per client address (behind a proxy, the address ForwardedHeaders gives): a fixed one-minute window.
/// Every policy shares one answer when refused: an empty 429 with Retry-After, which the status code pages show as
/// the friendly "too many requests" page.
/// </summary>
public static class PerAddressLimits
{
    /// <summary>The policy on pages that take a code (document verification, claiming an application): guessing codes one after another is slowed to a crawl.</summary>
    public const string CodeGuessing = "codes";

    public static IServiceCollection AddPerAddressLimit(this IServiceCollection services, string policyName, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(policyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}
