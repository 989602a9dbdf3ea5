using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ParentPortal.Platform.Identity;

/// <summary>
/// On a page whose address names a family's case, application or document: someone signed in whose role the page's
/// policy refuses gets the same 404 as for an id that does not exist, not a 403, so every outsider gets one answer
/// on every such route. Someone signed out is still asked to sign in (the same for a real and an invented id).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotFoundWhenForbiddenAttribute : Attribute;

/// <summary>Answers a refused role on a <see cref="NotFoundWhenForbiddenAttribute"/> endpoint with an empty 404 (the status code pages then show "page not found").</summary>
public sealed class NotFoundWhenForbiddenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<NotFoundWhenForbiddenAttribute>() is not null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
