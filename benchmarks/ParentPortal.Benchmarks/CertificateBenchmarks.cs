using BenchmarkDotNet.Attributes;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Benchmarks;

/// <summary>BenchmarkDotNet's view of one certificate: time and managed allocations per document.</summary>
[MemoryDiagnoser]
public class CertificateBenchmarks : IDisposable
{
    private readonly PdfFontSet fonts = PdfFontSet.Shared;
    private readonly MemoryStream output = new();
    private DocumentPdfs pdfs = null!;
    private int n;

    [GlobalSetup]
    public void Setup() => pdfs = new DocumentPdfs(new PdfRenderer(fonts));

    [Benchmark]
    public long Certificate()
    {
        output.SetLength(0);
        pdfs.WriteCertificate(SampleCertificates.Make(n++), DateTimeOffset.UnixEpoch, output);
        return output.Length;
    }

    public void Dispose()
    {
        output.Dispose();
        GC.SuppressFinalize(this);
    }
}
