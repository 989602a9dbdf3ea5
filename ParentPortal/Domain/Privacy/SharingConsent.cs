using ParentPortal.Domain.Triage;

namespace ParentPortal.Domain.Privacy;

/// <summary>What the family said we may share with the school or the local authority they agreed we may contact.</summary>
public enum ShareChoice
{
    /// <summary>"Everything in this application."</summary>
    Everything,

    /// <summary>"Only that you have asked for help, and what kind."</summary>
    Summary,

    /// <summary>"Ask me before sharing anything": staff record the family's answer before anything is shared.</summary>
    AskFirst,
}

/// <summary>How much of a case another party (the local authority) may see.</summary>
public enum PartyView
{
    /// <summary>Not that the case exists.</summary>
    Nothing,

    /// <summary>
    /// Who asked for help and what kind: the family's and the child's names, the route, the decision disagreed with and
    /// the key dates. Never the child's needs, health, the family's contact details or anything they wrote in their own words.
    /// </summary>
    Summary,

    /// <summary>Everything in the application, as sent.</summary>
    Everything,
}

/// <summary>
/// The family's consent to contact and share, as they gave it on the application's "Can we contact the school or local
/// authority?" page and as they have changed it since. <paramref name="AskFirstAgreed"/> is the family's answer when
/// staff asked them (with "ask first"): null until asked, true to share the application, false to share nothing.
/// </summary>
public sealed record SharingConsent(bool ContactSchool, bool ContactLocalAuthority, ShareChoice? Share, bool? AskFirstAgreed = null)
{
    /// <summary>Nobody contacted, nothing shared: what a family who has not answered is taken to have said.</summary>
    public static SharingConsent None { get; } = new(false, false, null);

    /// <summary>The consent on the application as sent (the answers to the "consent" page).</summary>
    public static SharingConsent From(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var contacts = (answers[AnswerKeys.ConsentContact] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var school = contacts.Contains("school");
        var la = contacts.Contains("local-authority");
        return new(school, la, school || la ? ParseShare(answers[AnswerKeys.ConsentShare]) : null);
    }

    public static ShareChoice? ParseShare(string? value) => value switch
    {
        "everything" => ShareChoice.Everything,
        "summary" => ShareChoice.Summary,
        "ask-first" => ShareChoice.AskFirst,
        _ => null,
    };

    public static string? ShareValue(ShareChoice? share) => share switch
    {
        ShareChoice.Everything => "everything",
        ShareChoice.Summary => "summary",
        ShareChoice.AskFirst => "ask-first",
        _ => null,
    };

    /// <summary>Whether this family has been asked what to share, and has answered, when they chose "ask first".</summary>
    public bool WaitingForAnswer => (ContactSchool || ContactLocalAuthority) && Share == ShareChoice.AskFirst && AskFirstAgreed is null;

    /// <summary>
    /// What the local authority may see of the case. Only what the family agreed, except that when the law requires the
    /// local authority to be told (<paramref name="lawRequiresTelling"/>: the family is pursuing mediation about a decision
    /// they can appeal, which the local authority must then arrange within 30 days of being told: Children and Families Act
    /// 2014 s.53 and SEND Regulations 2014, the rule on arranging mediation) it may see the summary it needs to arrange the mediation, whatever the
    /// family chose about contacting it; they are told so before they choose mediation.
    /// </summary>
    public PartyView ForLocalAuthority(bool lawRequiresTelling)
    {
        var agreed = !ContactLocalAuthority ? PartyView.Nothing : Share switch
        {
            ShareChoice.Everything => PartyView.Everything,
            ShareChoice.Summary => PartyView.Summary,
            ShareChoice.AskFirst when AskFirstAgreed == true => PartyView.Everything,
            _ => PartyView.Nothing,
        };
        return lawRequiresTelling && agreed == PartyView.Nothing ? PartyView.Summary : agreed;
    }

    /// <summary>Who the family agreed we may contact, in words ("the school and the local authority"); null when nobody.</summary>
    public string? Who => ContactSchool && ContactLocalAuthority ? "the school and the local authority"
        : ContactSchool ? "the school"
        : ContactLocalAuthority ? "the local authority"
        : null;

    /// <summary>The consent in words, for the family's page and the case's history.</summary>
    public string Describe()
    {
        if (Who is not { } who)
        {
            return "Do not contact the school or the local authority";
        }

        var what = Share switch
        {
            ShareChoice.Everything => "share everything in the application",
            ShareChoice.Summary => "share only that help was asked for, and what kind",
            ShareChoice.AskFirst => AskFirstAgreed switch
            {
                true => "ask before sharing (the family agreed to share the application)",
                false => "ask before sharing (the family said not to share)",
                null => "ask the family before sharing anything",
            },
            _ => "nothing chosen to share",
        };
        return $"May contact {who}; {what}";
    }
}
