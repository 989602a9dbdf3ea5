namespace ParentPortal.Platform.Files;

/// <summary>
/// The "Uploads" section: how big a family's or staff member's file may be, how much one case may hold, and where the
/// ClamAV daemon listens. A file is never kept unless the daemon answered that it is clean.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest single file, in bytes (default 20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Most one case may hold across its files, in bytes (default 100 MB).</summary>
    public long MaxCaseBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>clamd's TCP address (<c>TCPAddr</c>/<c>TCPSocket</c> in clamd.conf).</summary>
    public string ClamAvHost { get; set; } = "127.0.0.1";

    public int ClamAvPort { get; set; } = 3310;

    /// <summary>How long a scan may take before the file is refused as "could not be checked".</summary>
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A friendly description of <see cref="MaxFileBytes"/>, for messages ("20 MB").</summary>
    public string MaxFileText => Megabytes(MaxFileBytes);

    public string MaxCaseText => Megabytes(MaxCaseBytes);

    public static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}
