namespace ParentPortal.Data.Entities;

/// <summary>
/// A kind of session the service runs, with the defaults staff start from. Sessions copy the values
/// when they are made, so changing a template never changes a session already arranged.
/// </summary>
public sealed class SessionTemplate
{
    public int Id { get; set; }

    public SessionType Kind { get; set; }

    public required string DefaultTitle { get; set; }

    public required string DefaultDescription { get; set; }

    public int DefaultDurationMinutes { get; set; }

    public int DefaultCapacity { get; set; }

    public bool IsActive { get; set; } = true;
}
