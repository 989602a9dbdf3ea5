namespace ParentPortal.Platform.Pdf;

/// <summary>
/// One element of a tagged PDF's logical structure (ISO 32000-1 14.8): the layout engine builds the tree from the
/// blocks as it places them (Document &gt; H1, P, L &gt; LI &gt; Lbl + LBody, Table &gt; TR &gt; TH/TD, Figure), and
/// each drawn piece of text or the QR code points at the element it belongs to. Anything drawn without one (rules,
/// shading, running headers and footers, a table header repeated on a later page) is an artifact.
/// </summary>
public sealed class StructureElement
{
    private readonly List<StructureElement> children = [];

    public StructureElement(string role, StructureElement? parent = null)
    {
        Role = role;
        Parent = parent;
        parent?.children.Add(this);
    }

    /// <summary>A standard structure type: Document, H1-H3, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Figure, Div.</summary>
    public string Role { get; }

    public StructureElement? Parent { get; }

    public IReadOnlyList<StructureElement> Children => children;

    /// <summary>Alternative text (a figure's description).</summary>
    public string? Alt { get; init; }

    /// <summary>For a table header cell: Column or Row.</summary>
    public string? Scope { get; init; }

    /// <summary>The language of this element and what it holds, when not the document's (BCP 47).</summary>
    public string? Language { get; init; }

    /// <summary>For a list: Disc or Decimal.</summary>
    public string? ListNumbering { get; init; }

    /// <summary>For a figure, where it is on the page in PDF coordinates (left, bottom, right, top).</summary>
    public float[]? BoundingBox { get; set; }

    public IEnumerable<StructureElement> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in children)
        {
            foreach (var element in child.DescendantsAndSelf())
            {
                yield return element;
            }
        }
    }

    public override string ToString() => Role;
}
