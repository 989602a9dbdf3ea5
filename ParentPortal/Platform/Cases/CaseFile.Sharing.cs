using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Platform.Cases;

/// <summary>The family's consent to contact and share, and what it lets the local authority see: changed only here.</summary>
public sealed partial class CaseFile
{
    /// <summary>The family's consent now: as sent, or as they changed it since.</summary>
    public SharingConsent Sharing => SharingOf(Row);

    public static SharingConsent SharingOf(Application row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.ConsentContactSchool, row.ConsentContactLocalAuthority, row.ConsentShare, row.AskFirstAgreed);
    }

    /// <summary>
    /// The law requires the local authority to be told about this case: the family is pursuing mediation about an SEN
    /// decision they can appeal (the local authority must arrange it within 30 days of being told).
    /// </summary>
    public static bool LawRequiresTellingLocalAuthority(Application row, CaseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(profile);
        return row.Route == AnswerKeys.Sen && profile.Appealable && row.MediationChoice == SessionChoice.TryMediation;
    }

    /// <summary>How much of this case the local authority may see now. Never a bullying complaint: the LA is not a party to it.</summary>
    public static PartyView LocalAuthorityViewOf(Application row, CaseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Route == AnswerKeys.Bullying || row.LocalAuthorityId is null
            ? PartyView.Nothing
            : SharingOf(row).ForLocalAuthority(LawRequiresTellingLocalAuthority(row, profile));
    }

    /// <summary>
    /// The family changed what they agreed: it takes effect at once for everything not yet shared (what the local authority
    /// may see is worked out again now). A new "ask first" waits for a new answer. Write the history entry with <see cref="Record"/>.
    /// </summary>
    public void ChangeSharing(SharingConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var anyone = consent.ContactSchool || consent.ContactLocalAuthority;
        var share = anyone ? consent.Share : null;
        if (share != Row.ConsentShare || !anyone)
        {
            Row.AskFirstAgreed = null;
            Row.AskFirstAnsweredOn = null;
            Row.AskFirstAnsweredHow = null;
        }

        Row.ConsentContactSchool = consent.ContactSchool;
        Row.ConsentContactLocalAuthority = consent.ContactLocalAuthority;
        Row.ConsentShare = share;
        Row.ConsentChangedAt = Now;
        RefreshSharing();
    }

    /// <summary>With "ask first": the family's answer, as staff asked them (yes shares the application, no shares nothing).</summary>
    public void RecordSharingAnswer(bool agreed, NoticeGiven answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Row.ConsentShare != ShareChoice.AskFirst)
        {
            throw new InvalidOperationException("The family did not ask to be asked first.");
        }

        Row.AskFirstAgreed = agreed;
        Row.AskFirstAnsweredOn = answer.On;
        Row.AskFirstAnsweredHow = answer.How;
        RefreshSharing();
    }

    /// <summary>The consent on the application as it was sent.</summary>
    private void SharingAsSent()
    {
        var sent = SharingConsent.From(TriageAnswers.FromJson(Row.AnswersJson));
        Row.ConsentContactSchool = sent.ContactSchool;
        Row.ConsentContactLocalAuthority = sent.ContactLocalAuthority;
        Row.ConsentShare = sent.Share;
        RefreshSharing();
    }

    /// <summary>Works out again what the local authority may see: after every change to the case (consent, decision, answers).</summary>
    private void RefreshSharing() => Row.LocalAuthorityView = LocalAuthorityViewOf(Row, Profile);
}
