using ParentPortal.Platform.Security;
using System.Security.Claims;
using ParentPortal.Domain.Text;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Features.Documents;

public static class DocumentsSetup
{
    /// <summary>
    /// Loads the PDF fonts now, so a missing or damaged font stops start-up instead of failing a parent's download,
    /// and registers the renderer and <see cref="DocumentPdfs"/> (all thread-safe singletons) and the document handlers.
    /// </summary>
    public static WebApplicationBuilder AddPortalDocuments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var fonts = PdfFontSet.Shared;
        builder.Services.AddSingleton(fonts);
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddSingleton<DocumentPdfs>();
        builder.Services.AddSingleton<VerificationLinks>();
        builder.Services.AddTransient<IssueCertificateHandler>();
        builder.Services.AddTransient<RevokeDocumentHandler>();
        builder.Services.AddTransient<CaseDocumentsQuery>();
        builder.Services.AddTransient<AgreementsHandler>();
        builder.Services.AddTransient<MeetingRecordsHandler>();
        builder.Services.AddTransient<AppealSupportHandler>();
        builder.Services.AddTransient<DocumentQueries>();
        builder.Services.AddTransient<ActionPointsHandler>();
        builder.Services.AddTransient<UploadsHandler>();
        builder.Services.AddCasePanel<Pages.CaseDocumentsPanel>(CasePanelPlace.StaffDocuments);
        builder.Services.AddCasePanel<Pages.CaseActionsPanel>(CasePanelPlace.StaffDocuments, order: 10);
        builder.Services.AddCasePanel<Pages.CaseUploadsPanel>(CasePanelPlace.StaffDocuments, order: 5);
        builder.Services.AddCasePanel<Pages.FamilyDocumentsPanel>(CasePanelPlace.FamilyCase, order: 10);
        builder.Services.AddCasePanel<Pages.FamilyActionPointsPanel>(CasePanelPlace.FamilyCase, order: 11);
        builder.Services.AddCasePanel<Pages.FamilyUploadsPanel>(CasePanelPlace.FamilyCase, order: 12);
        return builder;
    }

    /// <summary>
    /// GET /documents/{id}/download: the PDF exactly as issued, for the case's family and assigned staff only; GET
    /// /uploads/{id}/download: a file added to the case, for the family, the case's staff and the LA when shared.
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
            return Results.File(file.Content, "application/pdf", SafeFileNames.Pdf(file.FileName));
        }).AllowAnonymous().RefuseFromOtherSites();

        // An uploaded file: always an attachment, never shown inline from the portal's own origin (a file's content is the
        // uploader's, so it must not run as the portal's page), with its type as judged from its bytes.
        endpoints.MapGet("/uploads/{uploadId:guid}/download", async (Guid uploadId, ClaimsPrincipal user, UploadsHandler uploads, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var file = await uploads.DownloadAsync(user, uploadId, cancellationToken);
            if (file is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            SecurityHeaders.UseStricterPolicy(context, "sandbox; default-src 'none'");
            var extension = Path.GetExtension(file.FileName) is { Length: > 1 } e ? e : ".bin";
            return Results.File(file.Content, file.ContentType, SafeFileNames.WithExtension(file.FileName, extension));
        }).AllowAnonymous().RefuseFromOtherSites();

        // The family's appeal summary (issue 14 item 4), as a PDF and as SEND35-shaped JSON: theirs alone, made on request.
        endpoints.MapGet("/applications/{applicationId:guid}/appeal/summary.pdf", async (Guid applicationId, ClaimsPrincipal user, AppealSupportHandler appeal, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            if (await appeal.SummaryPdfAsync(user, applicationId, cancellationToken) is not { } file)
            {
                return Results.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(file.Pdf, "application/pdf", file.FileName);
        }).AllowAnonymous().RefuseFromOtherSites();
        endpoints.MapGet("/applications/{applicationId:guid}/appeal/summary.json", async (Guid applicationId, ClaimsPrincipal user, AppealSupportHandler appeal, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            if (await appeal.SummaryJsonAsync(user, applicationId, cancellationToken) is not { } file)
            {
                return Results.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(file.Json), "application/json; charset=utf-8", file.FileName);
        }).AllowAnonymous().RefuseFromOtherSites();
        return endpoints;
    }
}
