using System.Text.Json.Serialization;

namespace ParentPortal.Platform.Pdf;

/// <summary>
/// A document as data: what to print, in order, with no positions or fonts. Composers build these from the
/// document models; a renderer decides where everything goes. Nothing here knows about Skia.
/// </summary>
/// Stored as JSON beside an issued PDF (<see cref="DocumentDefinitionJson"/>) so its HTML view shows the same words.
[JsonPolymorphic(TypeDiscriminatorPropertyName = "block")]
[JsonDerivedType(typeof(HeadingBlock), "heading")]
[JsonDerivedType(typeof(ParagraphBlock), "paragraph")]
[JsonDerivedType(typeof(ListBlock), "list")]
[JsonDerivedType(typeof(KeyValueListBlock), "key-values")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(SignatureBlock), "signatures")]
[JsonDerivedType(typeof(QrCodeBlock), "qr-code")]
[JsonDerivedType(typeof(KeepTogetherBlock), "keep-together")]
[JsonDerivedType(typeof(LanguageBlock), "language")]
public abstract record Block;

/// <summary>A stretch of text in one style. Bold and italic together print bold: no bold italic face is shipped.</summary>
public sealed record TextRun(string Text, bool Bold = false, bool Italic = false)
{
    public static TextRun Plain(string text) => new(text);

    public static TextRun Strong(string text) => new(text, Bold: true);

    public static TextRun Emphasis(string text) => new(text, Italic: true);
}

public enum TextAlignment
{
    Left,
    Centre,
    Right,
}

public enum ParagraphStyle
{
    Body,

    /// <summary>Smaller, muted text: notes, legal references.</summary>
    Small,

    /// <summary>Boxed and shaded, never split across pages: what the reader must not miss (a deadline).</summary>
    Callout,
}

/// <summary>Level 1 is the document's title; 2 and 3 are section and sub-section headings.</summary>
public sealed record HeadingBlock(string Text, int Level = 2) : Block;

/// <summary>Wrapped text. A line break ("\n") in a run starts a new line.</summary>
public sealed record ParagraphBlock(IReadOnlyList<TextRun> Runs, ParagraphStyle Style = ParagraphStyle.Body, TextAlignment Alignment = TextAlignment.Left) : Block
{
    // Internal, so JSON sees one public constructor (the record's own) to read a stored document with.
    internal ParagraphBlock(string text, ParagraphStyle style = ParagraphStyle.Body)
        : this([TextRun.Plain(text)], style)
    {
    }
}

/// <summary>Items with a bullet, or numbered when <paramref name="Numbered"/> is true, each wrapped with a hanging indent.</summary>
public sealed record ListBlock(IReadOnlyList<IReadOnlyList<TextRun>> Items, bool Numbered = false) : Block
{
    public static ListBlock Of(IEnumerable<string> items, bool numbered = false) =>
        new([.. items.Select(i => (IReadOnlyList<TextRun>)[TextRun.Plain(i)])], numbered);
}

public sealed record KeyValue(string Key, IReadOnlyList<TextRun> Value)
{
    internal KeyValue(string key, string value)
        : this(key, [TextRun.Plain(value)])
    {
    }
}

/// <summary>Labels on the left, values on the right; an item is never split across pages.</summary>
public sealed record KeyValueListBlock(IReadOnlyList<KeyValue> Items) : Block;

/// <param name="Header">The column's heading, repeated at the top of every page the table reaches.</param>
/// <param name="Width">The column's share of the table's width, relative to the other columns.</param>
public sealed record TableColumn(string Header, float Width = 1f);

/// <summary>A table whose header row repeats on every page; a row is moved whole to the next page rather than split.</summary>
public sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string? EmptyText = null) : Block;

/// <param name="SignedAt">How the signature is described ("Signed electronically on ..."), or null when not signed yet.</param>
public sealed record SignatureEntry(string Name, string Role, string? SignedAt);

/// <summary>Boxes for signatures, two to a row.</summary>
public sealed record SignatureBlock(IReadOnlyList<SignatureEntry> Entries) : Block;

/// <summary>A QR code with its caption beside it (say what it is for and print its text too: not every reader scans).</summary>
/// <param name="Alt">What a screen reader says for the code; by default "QR code linking to" and the payload.</param>
public sealed record QrCodeBlock(string Payload, IReadOnlyList<ParagraphBlock> Caption, float Size = 92f, string? Alt = null) : Block;

/// <summary>Blocks that stay on one page: if they do not fit in what is left of this one, they start the next.</summary>
public sealed record KeepTogetherBlock(IReadOnlyList<Block> Blocks) : Block;

/// <summary>
/// A part of the document in another language than the document's (issue 17: a Welsh certificate followed by its English
/// text): tagged as a section with its own language (<c>/Lang</c>), so a screen reader reads each part in its language.
/// </summary>
/// <param name="Language">BCP 47, e.g. en-GB.</param>
public sealed record LanguageBlock(string Language, IReadOnlyList<Block> Blocks) : Block;

/// <param name="Title">The document's title (PDF metadata and footer).</param>
/// <param name="Organisation">Printed at the top of every page and recorded as the PDF's author.</param>
/// <param name="CreatedAt">The PDF's creation date: passed in, never read from the clock, so the same input gives the same bytes.</param>
/// <param name="Reference">Printed in the header of every page (a certificate or case number).</param>
/// <param name="Language">The document's language (BCP 47), recorded for screen readers; a part in another language is a <see cref="LanguageBlock"/>.</param>
/// <param name="PageNumbers">Each page's footer, "Page {0} of {1}" in the document's language.</param>
public sealed record DocumentMetadata(string Title, string Organisation, DateTimeOffset CreatedAt, string? Reference = null, string? Subject = null, string Language = "en-GB", string PageNumbers = "Page {0} of {1}");

public sealed record PdfDocumentDefinition(DocumentMetadata Metadata, IReadOnlyList<Block> Blocks);

/// <summary>
/// A document's definition as JSON, stored beside the issued PDF: its HTML view is drawn from exactly the blocks the PDF
/// was laid out from, so both say the same thing in the same words.
/// </summary>
public static class DocumentDefinitionJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(PdfDocumentDefinition document) => System.Text.Json.JsonSerializer.Serialize(document, Options);

    public static PdfDocumentDefinition? Deserialize(string json) => System.Text.Json.JsonSerializer.Deserialize<PdfDocumentDefinition>(json, Options);
}
