using System.Collections.Frozen;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Domain.Cases;

/// <summary>
/// The moves a case can make, per route. Every stage change goes through <see cref="CanMove"/> on the
/// server: a page offering only the allowed next steps is a convenience, not the check.
/// </summary>
public static class CaseWorkflow
{
    // The routes are the triage's own answer values: one definition, in AnswerKeys.
    public const string Sen = AnswerKeys.Sen;
    public const string Bullying = AnswerKeys.Bullying;
    public const string Facilitation = AnswerKeys.Facilitation;

    private static readonly FrozenDictionary<string, FrozenDictionary<CaseStage, CaseStage[]>> Moves = new Dictionary<string, FrozenDictionary<CaseStage, CaseStage[]>>
    {
        [Sen] = new Dictionary<CaseStage, CaseStage[]>
        {
            [CaseStage.New] = [CaseStage.InformationGiven, CaseStage.MediationBeingArranged, CaseStage.CertificateIssued, CaseStage.Closed],
            [CaseStage.InformationGiven] = [CaseStage.MediationBeingArranged, CaseStage.CertificateIssued, CaseStage.Closed],
            // The local authority could not arrange mediation in time: the certificate is issued anyway.
            [CaseStage.MediationBeingArranged] = [CaseStage.MeetingScheduled, CaseStage.CertificateIssued, CaseStage.Closed],
            [CaseStage.MeetingScheduled] = [CaseStage.MeetingHeld, CaseStage.MediationBeingArranged, CaseStage.Closed],
            [CaseStage.MeetingHeld] = [CaseStage.AgreementRecorded, CaseStage.CertificateIssued, CaseStage.Closed],
            // Mediation is voluntary: a party may decline to sign. The certificate still follows the mediation, and the
            // parties may yet agree to a new wording (saving it records the agreement again).
            [CaseStage.AgreementRecorded] = [CaseStage.AgreementSigned, CaseStage.AgreementNotSigned, CaseStage.Closed],
            [CaseStage.AgreementNotSigned] = [CaseStage.AgreementRecorded, CaseStage.CertificateIssued, CaseStage.Closed],
            [CaseStage.AgreementSigned] = [CaseStage.CertificateIssued, CaseStage.Closed],
            // A parent who took the certificate can still ask for mediation later.
            [CaseStage.CertificateIssued] = [CaseStage.MediationBeingArranged, CaseStage.Closed],
        }.ToFrozenDictionary(),
        [Bullying] = new Dictionary<CaseStage, CaseStage[]>
        {
            [CaseStage.New] = [CaseStage.TelephoneSupport, CaseStage.Closed],
            [CaseStage.TelephoneSupport] = [CaseStage.MediationBeingArranged, CaseStage.Closed],
            [CaseStage.MediationBeingArranged] = [CaseStage.MeetingScheduled, CaseStage.Closed],
            [CaseStage.MeetingScheduled] = [CaseStage.MeetingHeld, CaseStage.MediationBeingArranged, CaseStage.Closed],
            [CaseStage.MeetingHeld] = [CaseStage.AgreementRecorded, CaseStage.Closed],
            [CaseStage.AgreementRecorded] = [CaseStage.AgreementSigned, CaseStage.AgreementNotSigned, CaseStage.Closed],
            [CaseStage.AgreementNotSigned] = [CaseStage.AgreementRecorded, CaseStage.Closed],
            [CaseStage.AgreementSigned] = [CaseStage.Closed],
        }.ToFrozenDictionary(),
        [Facilitation] = new Dictionary<CaseStage, CaseStage[]>
        {
            [CaseStage.New] = [CaseStage.MeetingScheduled, CaseStage.Closed],
            [CaseStage.MeetingScheduled] = [CaseStage.MeetingHeld, CaseStage.Closed],
            [CaseStage.MeetingHeld] = [CaseStage.RecordWritten, CaseStage.Closed],
            [CaseStage.RecordWritten] = [CaseStage.Closed],
        }.ToFrozenDictionary(),
    }.ToFrozenDictionary();

    // Moves back that only withdrawing a document makes: a signed agreement withdrawn goes back to being written.
    private static readonly FrozenDictionary<CaseStage, CaseStage> Reopens = new Dictionary<CaseStage, CaseStage>
    {
        [CaseStage.AgreementSigned] = CaseStage.AgreementRecorded,
    }.ToFrozenDictionary();

    public static IReadOnlyList<CaseStage> NextStages(string? route, CaseStage from) =>
        route is not null && Moves.TryGetValue(route, out var moves) && moves.TryGetValue(from, out var next) ? next : [];

    public static bool CanMove(string? route, CaseStage from, CaseStage to) => NextStages(route, from).Contains(to);

    /// <summary>A move back caused by withdrawing a document (see <c>Reopens</c>), on routes that reach that stage at all.</summary>
    public static bool CanReopen(string? route, CaseStage from, CaseStage to) =>
        Reopens.TryGetValue(from, out var back) && back == to && route is not null && Moves.TryGetValue(route, out var moves) && moves.ContainsKey(back);

    /// <summary>Stages reached only by doing something else (issuing a certificate, all parties signing, recording who declined to sign, writing the record), not by a plain move.</summary>
    public static bool IsReachedByAction(CaseStage stage) =>
        stage is CaseStage.CertificateIssued or CaseStage.AgreementRecorded or CaseStage.AgreementSigned or CaseStage.AgreementNotSigned or CaseStage.RecordWritten;

    /// <summary>The route as staff read it in lists and on the case page.</summary>
    public static string DescribeRoute(string? route) => route switch
    {
        Sen => "SEN disagreement",
        Bullying => "Bullying complaint",
        Facilitation => "Facilitated meeting",
        _ => "Application",
    };

    public static string Describe(CaseStage stage) => stage switch
    {
        CaseStage.New => "New",
        CaseStage.InformationGiven => "Information given",
        CaseStage.TelephoneSupport => "Telephone support",
        CaseStage.MediationBeingArranged => "Mediation being arranged",
        CaseStage.MeetingScheduled => "Meeting scheduled",
        CaseStage.MeetingHeld => "Meeting held",
        CaseStage.AgreementRecorded => "Agreement recorded",
        CaseStage.AgreementSigned => "Agreement signed",
        CaseStage.AgreementNotSigned => "Agreement not signed",
        CaseStage.RecordWritten => "Record written",
        CaseStage.CertificateIssued => "Certificate issued",
        CaseStage.Closed => "Closed",
        _ => stage.ToString(),
    };
}
