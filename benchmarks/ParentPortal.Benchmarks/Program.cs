using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ParentPortal.Benchmarks;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Pdf;
// documents [count]: the tagged PDF writer beside the previous one (Skia), in one run: certificates per second on one
//   thread and size, the 60-action agreement's size, memory over the run (default 10,000 certificates each).
// certificates [count]: certificates per second on one thread, and memory growth over the run (default 10,000).
// bdn: the same certificate under BenchmarkDotNet (in-process), for time and allocations per document.
// bookings [attempts] [workers]: session bookings per second through the real handler and database (default 4,000 by 8).
var mode = args.Length > 0 ? args[0] : "certificates";
if (mode == "bookings")
{
    return await BookingsBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8);
}

if (mode == "bdn")
{
    var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run<CertificateBenchmarks>(config);
    return 0;
}

if (mode == "documents")
{
    return DocumentsBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000, args.Length > 2 ? args[2] : null);
}

if (mode != "certificates")
{
    Console.Error.WriteLine("Usage: documents [count] | certificates [count] | bdn | bookings [attempts] [workers]");
    return 2;
}

var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var fonts = PdfFontSet.Shared;
var pdfs = new DocumentPdfs(new PdfRenderer(fonts));
using var output = new MemoryStream();
var createdAt = new DateTimeOffset(2026, 3, 9, 14, 5, 0, TimeSpan.Zero);

void One(int n)
{
    output.SetLength(0);
    pdfs.WriteCertificate(SampleCertificates.Make(n), createdAt, output);
}

for (var i = 0; i < 200; i++)
{
    One(i);
}

var (managedBefore, workingSetBefore) = Memory();
long bytes = 0;
var clock = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    One(i);
    bytes += output.Length;
}

clock.Stop();
var (managedAfter, workingSetAfter) = Memory();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} certificates on one thread in {clock.Elapsed.TotalSeconds:F1} s: {count / clock.Elapsed.TotalSeconds:F0} per second, {clock.Elapsed.TotalMilliseconds / count:F2} ms each, {bytes / count / 1024.0:F0} KiB each"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Managed heap after full GC: {Mb(managedBefore)} MB before, {Mb(managedAfter)} MB after ({Mb(managedAfter - managedBefore):+0.0;-0.0} MB)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Working set: {Mb(workingSetBefore)} MB before, {Mb(workingSetAfter)} MB after ({Mb(workingSetAfter - workingSetBefore):+0.0;-0.0} MB)"));
return 0;

static (long Managed, long WorkingSet) Memory()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
}

static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
