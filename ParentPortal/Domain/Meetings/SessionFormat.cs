namespace ParentPortal.Domain.Meetings;

/// <summary>How a session or a meeting happens: online (a joining link) or in person (a venue).</summary>
public enum SessionFormat
{
    Online,
    InPerson,
}
