using System.Security.Claims;
using ParentPortal.Features.Documents.Pdf;
using ParentPortal.Features.Security;

namespace ParentPortal.Features.Documents;

public static class DocumentsSetup
{
    /// <summary>The rate-limit policy on pages that take a code (document verification, claiming an application): guessing codes one after another is slowed to a crawl.</summary>
    public const string CodeGuessingRateLimit = "codes";

    /// <summary>
    /// Loads the PDF fonts now, so a missing or damaged font stops start-up instead of failing a parent's download,
    /// and registers the renderer and <see cref="DocumentPdfs"/> (all thread-safe singletons) and the document handlers.
    /// </summary>
    public static WebApplicationBuilder AddPortalDocuments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var fonts = PdfFontSet.LoadEmbedded();
        builder.Services.AddSingleton(fonts);
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddSingleton<DocumentPdfs>();
        builder.Services.AddTransient<IssueDocumentsHandler>();
        builder.Services.AddTransient<AgreementsHandler>();
        builder.Services.AddTransient<MeetingRecordsHandler>();
        builder.Services.AddTransient<DocumentQueries>();

        var perMinute = builder.Configuration.GetValue("RateLimits:VerifyPerMinute", 20);
        builder.Services.AddPerAddressLimit(CodeGuessingRateLimit, perMinute);
        return builder;
    }

    /// <summary>
    /// GET /documents/{id}/download: the PDF exactly as issued, for the case's family and assigned staff only.
    /// Anyone else (another parent, unassigned staff, someone signed out) gets 404 and none of the document's bytes.
    /// </summary>
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/documents/{documentId:guid}/download", async (Guid documentId, ClaimsPrincipal user, DocumentQueries documents, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var file = await documents.DownloadAsync(user, documentId, cancellationToken);
            if (file is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(file.Content, "application/pdf", SafeFileName(file.FileName));
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>Letters, digits, dot and hyphen only, so the name cannot break out of the Content-Disposition header or a folder.</summary>
    public static string SafeFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('.', '-');
        return safe.Length == 0 ? "document.pdf" : safe.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? safe : safe + ".pdf";
    }
}
