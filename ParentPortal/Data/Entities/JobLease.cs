namespace ParentPortal.Data.Entities;

/// <summary>
/// Which running instance of the portal does a periodic job's rounds, and until when (see
/// <see cref="Platform.Hosting.JobLeases"/>): one row per job, taken and renewed by a conditional update, so however many
/// instances share the database, one at a time runs each job.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job's name, e.g. "retention".</summary>
    public required string Name { get; set; }

    /// <summary>The instance holding the lease: a random id per running portal, never a person.</summary>
    public required string Holder { get; set; }

    public DateTimeOffset LeasedUntil { get; set; }
}
