using System.Globalization;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Features.Documents.Models;

namespace ParentPortal.Benchmarks;

/// <summary>Certificates that differ as real ones do (number, names, kind), so nothing is rendered twice alike.</summary>
internal static class SampleCertificates
{
    private static readonly string[] Applicants = ["Siân O'Brien-Núñez", "Łukasz Dvořák", "Ngozi Ọlá", "Sam Taylor", "Αλέξανδρος Παπαδόπουλος", "Priya Sharma", "محمد علي"];
    private static readonly string[] Children = ["Zoë O'Brien-Núñez", "Jan Dvořák", "Adébáyọ̀ Ọlá", "Ellis Taylor", "Νίκος Παπαδόπουλος", "Arjun Sharma", "Aisha Ali"];
    private static readonly CertificateKind[] Kinds = Enum.GetValues<CertificateKind>();

    public static MediationCertificate Make(int n)
    {
        var letter = new DateOnly(2026, 1, 5).AddDays(n % 60);
        var issued = letter.AddDays(40);
        var deadline = issued.AddMonths(1);
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"The appeal must reach the tribunal by 5pm on {deadline:dddd d MMMM yyyy}: 1 month after the certificate was issued on {issued:dddd d MMMM yyyy} is {deadline:dddd d MMMM yyyy}, which is later than 2 calendar months after the decision letter was sent on {letter:dddd d MMMM yyyy} ({letter.AddMonths(2):dddd d MMMM yyyy}) (First-tier Tribunal rules, rules 12 and 20).");
        var code = string.Create(CultureInfo.InvariantCulture, $"{n % 10000:D4}-QPTX-9HWR");
        return new MediationCertificate(
            Kinds[n % Kinds.Length],
            string.Create(CultureInfo.InvariantCulture, $"MC-2026-{n:D6}"),
            issued,
            Applicants[n % Applicants.Length],
            ApplicantIsYoungPerson: false,
            Children[n % Children.Length],
            new DateOnly(2015, 7, 14),
            "Hertfordshire County Council",
            "Refusal to carry out an EHC needs assessment",
            letter,
            new Issuer("Priya Shah", "Mediation adviser", "Hertfordshire SEND Mediation Service"),
            new Deadline(deadline, reason, [], []),
            new DocumentVerification(code, "https://portal.example.org.uk/verify/" + code),
            MediationHeldOn: issued.AddDays(-3));
    }
}
