using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ParentPortal.Features.Security;

/// <summary>
/// Rate limits per client address (behind a proxy, the address ForwardedHeaders gives): a fixed one-minute window.
/// Every policy shares one answer when refused: an empty 429 with Retry-After, which the status code pages show as
/// the friendly "too many requests" page.
/// </summary>
public static class PerAddressLimits
{
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
