using ParentPortal.Features.Documents.Pdf;

namespace ParentPortal.Features.Documents;

public static class DocumentsSetup
{
    /// <summary>
    /// Loads the PDF fonts now, so a missing or damaged font stops start-up instead of failing a parent's download,
    /// and registers the renderer and <see cref="DocumentPdfs"/> (all thread-safe singletons).
    /// </summary>
    public static WebApplicationBuilder AddPortalDocuments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var fonts = PdfFontSet.LoadEmbedded();
        builder.Services.AddSingleton(fonts);
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddSingleton<DocumentPdfs>();
        return builder;
    }
}
