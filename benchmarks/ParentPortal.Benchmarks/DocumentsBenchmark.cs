using System.Diagnostics;
using System.Globalization;
using ParentPortal.Features.Documents.Composers;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Benchmarks;

/// <summary>
/// The tagged PDF writer and the previous Skia writer side by side, in one process on one thread: the same
/// certificates composed and laid out the same way, only the last stage differs. Each writer warms up, then makes
/// <c>count</c> certificates; then the 60-action agreement is written once by each for its size.
/// </summary>
internal static class DocumentsBenchmark
{
    /// <param name="only">Run only the writers whose name starts with this (for a profiler), or all when null.</param>
    public static int Run(int count, string? only = null)
    {
        var renderer = new PdfRenderer(PdfFontSet.Shared);
        using var skia = new SkiaBaseline();
        using var output = new MemoryStream();
        var createdAt = new DateTimeOffset(2026, 3, 9, 14, 5, 0, TimeSpan.Zero);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, {count} certificates per writer"));

        var writers = new (string Name, Action<LaidOutDocument, Stream> Write)[]
        {
            ("layout only (compose, shape, place; no writer)", (_, _) => { }),
            ("tagged PDF/UA writer", PdfRenderer.Render),
            ("Skia PDF backend (before)", skia.Render),
        };
        foreach (var (name, write) in writers.Where(w => only is null || w.Name.StartsWith(only, StringComparison.Ordinal)))
        {
            void One(int n)
            {
                output.SetLength(0);
                write(renderer.Layout(CertificateComposer.Compose(SampleCertificates.Make(n), createdAt)), output);
            }

            for (var i = 0; i < 300; i++)
            {
                One(i);
            }

            var (managedBefore, workingSetBefore) = Memory();
            long bytes = 0;
            var cpu = TimeSpan.Zero;
            var clock = new Stopwatch();
            // Memory after each quarter of the run (outside the timing): flat means no growth with the count.
            var checkpoints = new List<string>();
            for (var quarter = 0; quarter < 4; quarter++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Start();
                for (var i = quarter * count / 4; i < (quarter + 1) * count / 4; i++)
                {
                    One(i);
                    bytes += output.Length;
                }

                clock.Stop();
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                var (managed, workingSet) = Memory();
                checkpoints.Add(string.Create(CultureInfo.InvariantCulture, $"{(quarter + 1) * count / 4}: {Mb(managed)}/{Mb(workingSet)}"));
            }

            var (managedAfter, workingSetAfter) = Memory();
            output.SetLength(0);
            write(renderer.Layout(AgreementComposer.Compose(SampleAgreements.Make(60), createdAt)), output);
            var agreement = output.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {count / clock.Elapsed.TotalSeconds:F0} certificates per second ({clock.Elapsed.TotalMilliseconds / count:F2} ms each, CPU {cpu.TotalMilliseconds / count:F2} ms), {bytes / (double)count / 1000:F1} KB each; agreement with 60 actions {agreement / 1000.0:F1} KB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  managed heap after full GC {Mb(managedBefore)} -> {Mb(managedAfter)} MB, working set {Mb(workingSetBefore)} -> {Mb(workingSetAfter)} MB; after n documents, managed/working set MB: {string.Join(", ", checkpoints)}"));
        }

        return 0;
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
}
