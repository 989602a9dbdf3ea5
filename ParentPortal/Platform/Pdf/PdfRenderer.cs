namespace ParentPortal.Platform.Pdf;

/// <summary>
/// Lays out a <see cref="PdfDocumentDefinition"/> (<see cref="PdfLayoutEngine"/>, shaping with HarfBuzz) and writes it as a
/// tagged PDF with subset fonts (<see cref="Writer.TaggedPdfWriter"/>). Thread-safe; register one for the application.
/// </summary>
public sealed class PdfRenderer
{
    private readonly TextShaper shaper;

    public PdfRenderer(PdfFontSet fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        shaper = new TextShaper(fonts);
    }

    /// <exception cref="UnsupportedTextException">Some text cannot be printed correctly with the shipped fonts.</exception>
    public LaidOutDocument Layout(PdfDocumentDefinition document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new PdfLayoutEngine(shaper).Layout(document);
    }

    /// <exception cref="UnsupportedTextException">Some text cannot be printed correctly with the shipped fonts.</exception>
    public void Render(PdfDocumentDefinition document, Stream output) => Render(Layout(document), output);

    public byte[] RenderToBytes(PdfDocumentDefinition document)
    {
        using var output = new MemoryStream();
        Render(document, output);
        return output.ToArray();
    }

    /// <summary>Same input, same bytes: the dates come from <see cref="DocumentMetadata.CreatedAt"/>, the file's ID from its content.</summary>
    public static void Render(LaidOutDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        Writer.TaggedPdfWriter.Write(document, output);
    }
}
