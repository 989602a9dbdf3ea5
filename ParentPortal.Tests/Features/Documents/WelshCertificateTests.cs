using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ParentPortal.Features.Documents;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Localisation;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 17 item 4: a certificate for a family who chose Welsh is Welsh first, then the same facts in English (the
/// tribunal works in English), with the document's language cy and the English part tagged en-GB, and still PDF/UA.
/// </summary>
public sealed class WelshCertificateTests
{
    private static readonly Lazy<ServiceProvider> Services = new(() =>
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalLocalisation(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    });

    private static DocumentPdfs WelshPdfs => new(
        DocumentSamples.Renderer,
        Services.Value.GetRequiredService<IStringLocalizer<FamilyText>>(),
        Services.Value.GetRequiredService<IStringLocalizer<TriageText>>());

    [Theory]
    [InlineData(CertificateKind.AfterInformationNotPursuing)]
    [InlineData(CertificateKind.AfterMediation)]
    [InlineData(CertificateKind.LaDidNotArrangeInTime)]
    public void EveryKindOfCertificate_IsTranslatedIntoWelsh(CertificateKind kind)
    {
        // Every decision a certificate can name, as IssueCertificate words it ("Contents of an EHC plan").
        foreach (var decision in Enum.GetValues<ParentPortal.Domain.Eligibility.SenDecision>())
        {
            var certificate = DocumentSamples.Certificate(kind) with { Language = PortalLanguages.Welsh, Decision = IssueCertificateHandler.DecisionWords(decision) };
            WelshPdfs.Certificate(certificate, DocumentSamples.CreatedAt);
        }

        var missing = Services.Value.GetRequiredService<MissingTranslations>().For(PortalLanguages.Welsh);
        Assert.True(missing.Count == 0, "Not translated into Welsh: " + string.Join(" | ", missing.Select(m => m.Text)));
    }

    [Fact]
    public void AWelshCertificate_IsWelshThenEnglish_WithTheSameFacts_AndEachPartInItsLanguage()
    {
        var certificate = DocumentSamples.Certificate(CertificateKind.AfterMediation) with { Language = PortalLanguages.Welsh };
        var pdf = WelshPdfs.Certificate(certificate, DocumentSamples.CreatedAt);

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal("cy", ((UglyToad.PdfPig.Tokens.StringToken)document.Structure.Catalog.CatalogDictionary.Data["Lang"]).Data);
        var text = PdfText.All(pdf);
        var welsh = Welsh("Mediation certificate");
        Assert.NotEqual("Mediation certificate", welsh);
        Assert.StartsWith(welsh, document.Information.Title, StringComparison.Ordinal);

        // Welsh first, then the English; the same certificate number, names and deadline in both.
        PdfText.AssertInOrder($"{welsh} {certificate.CertificateNumber} Mediation certificate {certificate.CertificateNumber}", text);
        foreach (var fact in new[] { PdfText.Words(certificate.ApplicantName), certificate.Verification.Code, certificate.CertificateNumber })
        {
            var times = CountOf(text, fact);
            Assert.True(times >= 2 && times % 2 == 0, $"\"{fact}\" appears {times} times: it should be as often in Welsh as in English");
        }
        Assert.Contains(Welsh("What this certificate confirms"), text, StringComparison.Ordinal);
        Assert.Contains("What this certificate confirms", text, StringComparison.Ordinal);

        // The English part is a section tagged en-GB (qpdf's JSON of every object).
        var (_, json) = PdfText.Tool(pdf, "certificate-welsh-objects", "qpdf", "--json", "--json-key=qpdf");
        Assert.Contains("\"/Lang\": \"u:en-GB\"", json, StringComparison.Ordinal);
        Assert.Contains("\"/S\": \"/Sect\"", json, StringComparison.Ordinal);

        var (exit, report) = PdfText.PdfUaCheck(pdf, "certificate-welsh");
        Assert.True(exit == 0, report);
        PdfText.RenderPng(pdf, "certificate-welsh");
    }

    [Fact]
    public void AnEnglishCertificate_IsEnglishOnly_AndUrdu_StaysEnglishUntilItsDocumentsAreTranslated()
    {
        foreach (var language in new[] { PortalLanguages.English, PortalLanguages.Urdu })
        {
            var certificate = DocumentSamples.Certificate(CertificateKind.AfterMediation) with { Language = language };
            var pdf = WelshPdfs.Certificate(certificate, DocumentSamples.CreatedAt);
            using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
            Assert.Equal("en-GB", ((UglyToad.PdfPig.Tokens.StringToken)document.Structure.Catalog.CatalogDictionary.Data["Lang"]).Data);
            Assert.Equal(1, CountOf(PdfText.All(pdf), "What this certificate confirms"));
        }
    }

    private static string Welsh(string english)
    {
        using var scope = PortalLanguages.Use(PortalLanguages.Welsh);
        return Services.Value.GetRequiredService<IStringLocalizer<FamilyText>>()[english].Value;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
