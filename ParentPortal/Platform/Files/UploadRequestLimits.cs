using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ParentPortal.Platform.Files;

/// <summary>Marks a page whose form posts a file: <see cref="UploadRequestLimits"/> sizes its requests.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadFormAttribute : Attribute;

/// <summary>
/// A post to an upload page larger than one file may be (with room for the form's other fields) is refused from its
/// Content-Length, before any of it is read: the browser is sent back to the page, which says the file is too big. A body
/// with no length given is cut off by the server at the same size. Runs before antiforgery reads the form.
/// </summary>
public static class UploadRequestLimits
{
    public const string TooLarge = "too-large";

    private const long FormOverhead = 1024 * 1024;

    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<UploadFormAttribute>() is not null)
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxFileBytes + FormOverhead;
            if (context.Request.ContentLength > limit)
            {
                context.Response.Redirect($"{context.Request.PathBase}{context.Request.Path}?problem={TooLarge}");
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }

        await next(context);
    });
}
