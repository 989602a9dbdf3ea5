namespace ParentPortal.Tests.TestSupport;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Ignored by git: screenshots, rendered PDFs and other evidence from test runs.</summary>
    public static string Artifacts(params string[] parts)
    {
        var path = Path.Combine([Root, "artifacts", .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ParentPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find ParentPortal.sln above " + AppContext.BaseDirectory);
    }
}
