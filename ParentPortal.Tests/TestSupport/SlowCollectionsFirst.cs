using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("ParentPortal.Tests.TestSupport.SlowCollectionsFirst", "ParentPortal.Tests")]

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// Starts the longest collections first (the two browser groups, then the kill tests), so the suite's two threads are
/// not left with one long collection at the end while the other thread has nothing to do. Order only: every test runs.
/// </summary>
public sealed class SlowCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Slowest = [BrowserTestGroup.Name, SecondBrowserTestGroup.Name, "Test collection for " + typeof(Integration.Faults.SubmissionKillTests).FullName];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Rank(c.DisplayName))
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(string displayName)
    {
        for (var i = 0; i < Slowest.Length; i++)
        {
            if (string.Equals(displayName, Slowest[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Slowest.Length;
    }
}
