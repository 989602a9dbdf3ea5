using System.Globalization;

#pragma warning disable CA1050 // The runtime finds a startup hook by this exact name, outside any namespace.

/// <summary>
/// Loaded into the portal's process by <c>DOTNET_STARTUP_HOOKS</c> (the load run sets it): reads commands on standard
/// input and answers on standard output, so memory is measured inside the portal without adding anything to it.
/// "measure" runs full compacting collections and prints one <c>PROBE</c> line.
/// </summary>
internal static class StartupHook
{
    public const string Prefix = "PROBE ";

    public static void Initialize()
    {
        var thread = new Thread(Listen) { IsBackground = true, Name = "load-run probe" };
        thread.Start();
    }

    private static void Listen()
    {
        while (Console.In.ReadLine() is { } command)
        {
            if (command.Trim() != "measure")
            {
                continue;
            }

            // Circuits live long enough to reach generation 2 (Microsoft's memory-management guidance): collect
            // everything, twice, so only what is still referenced is counted.
            for (var i = 0; i < 2; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}live={GC.GetTotalMemory(forceFullCollection: false)} heap={info.HeapSizeBytes} committed={info.TotalCommittedBytes} workingSet={Environment.WorkingSet}"));
            Console.Out.Flush();
        }
    }
}
