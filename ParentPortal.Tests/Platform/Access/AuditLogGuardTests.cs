using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Access;

/// <summary>
/// PortalDbContext refuses tracked edits and deletions of audit entries, but bulk statements
/// (ExecuteUpdate, ExecuteDelete, raw SQL) go around SaveChanges. Only the retention job may remove
/// audit entries, and only those past their period: the suite fails if any other code tries.
/// </summary>
public sealed class AuditLogGuardTests
{
    private static readonly string[] Changes = ["ExecuteDelete", "ExecuteUpdate", ".Remove(", ".RemoveRange(", "DELETE FROM", "UPDATE \""];

    [Fact]
    public void OnlyTheRetentionJob_RemovesAuditEntries_AndOnlyThosePastTheirPeriod()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "ParentPortal"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var statements = (from file in files
                          from statement in File.ReadAllText(file).Split(';')
                          where (statement.Contains("AuditEntries", StringComparison.Ordinal) || statement.Contains("Set<AuditEntry>", StringComparison.Ordinal))
                              && Changes.Any(c => statement.Contains(c, StringComparison.OrdinalIgnoreCase))
                          select (File: Path.GetFileName(file), Text: statement.Trim())).ToList();

        var removal = Assert.Single(statements);
        Assert.Equal("RetentionJob.cs", removal.File);
        Assert.Contains("db.AuditEntries.Where(a => a.At <= auditBefore).ExecuteDeleteAsync", removal.Text, StringComparison.Ordinal);
    }
}
