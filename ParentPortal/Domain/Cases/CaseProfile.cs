using ParentPortal.Domain.Eligibility;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Domain.Cases;

/// <summary>
/// What a case knows about itself from the family's answers, read once and typed. The answers stay stored as they were
/// sent (see <see cref="TriageAnswers"/>); everything that works on a case reads them through this, never by answer key.
/// </summary>
public sealed record CaseProfile
{
    public required string Route { get; init; }

    public bool IsYoungPerson { get; init; }

    /// <summary>A professional referred the family: the answers' contact details are the family's, not the referrer's.</summary>
    public bool IsReferral { get; init; }

    /// <summary>
    /// The parent, carer or young person the case is for, as they gave their name (or the referrer gave it): what every
    /// letter and document names. Null only for an application sent before the journey asked for it.
    /// </summary>
    public string? FamilyName { get; init; }

    /// <summary>The professional who referred the family, and their job title and organisation; null when the family applied.</summary>
    public string? ReferrerName { get; init; }

    public string? ReferrerRole { get; init; }

    /// <summary>Where the referrer works: "school", "local-authority" or "other"; null when the family applied.</summary>
    public string? ReferrerWorksAt { get; init; }

    public string? ChildFirstName { get; init; }

    public string? ChildLastName { get; init; }

    public DateOnly? ChildDateOfBirth { get; init; }

    public string? ChildSchool { get; init; }

    public SenDecision? SenDecision { get; init; }

    public DateOnly? DecisionLetterSent { get; init; }

    /// <summary>An SEN decision the family can appeal to the tribunal (Children and Families Act 2014, s.51): the statutory clocks apply.</summary>
    public bool Appealable { get; init; }

    /// <summary>The disagreement is (partly) about health or social care needs or provision: health bodies are told too.</summary>
    public bool HealthOrSocialCareIssues { get; init; }

    public MeetingType? MeetingType { get; init; }

    /// <summary>The family's own words when the meeting is of another kind.</summary>
    public string? MeetingTypeOther { get; init; }

    /// <summary>Who the family said would be at a facilitated meeting, one per line.</summary>
    public string? MeetingAttendees { get; init; }

    /// <summary>For a discussion of a draft EHC plan: the day the local authority sent the draft.</summary>
    public DateOnly? DraftPlanSentOn { get; init; }

    /// <summary>What the family asked the facilitator to do: "organise", "agenda", "chair", "record" (none for mediation).</summary>
    public IReadOnlyList<string> FacilitatorTasks { get; init; } = [];

    /// <summary>A racist incident is involved and the family asked to be put in touch with the advocacy service (seed 000): their consent to the referral.</summary>
    public bool WantsAdvocacy { get; init; }

    /// <summary>The family asked the service to find them an Independent Parental Supporter.</summary>
    public bool WantsIps { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    /// <summary>How the family asked for confirmations and reminders (asked when they prefer phone calls); null: by e-mail when they gave one.</summary>
    public Messaging.MessageChannel? MessagesBy { get; init; }

    /// <summary>The postal address lines they gave for letters (first line, second line, town, postcode), blanks left out.</summary>
    public IReadOnlyList<string> PostalAddress { get; init; } = [];

    /// <summary>They turned off the messages they can do without (reminders, the survey); legal and case messages still go.</summary>
    public bool OptionalMessagesOff { get; init; }

    /// <summary>The language the family uses, as people read it ("English", "British Sign Language (BSL)", or their own words); null when not answered.</summary>
    public string? Language { get; init; }

    public bool NeedsInterpreter { get; init; }

    public bool HasAccessNeeds { get; init; }

    public string? AccessNeedsDetails { get; init; }

    /// <summary>The child's full name; null for a young person applying for themselves or when not given.</summary>
    public string? ChildName => IsYoungPerson || ChildFirstName is null ? null : $"{ChildFirstName} {ChildLastName}".Trim();

    public bool IsAnnualReview => MeetingType == Eligibility.MeetingType.AnnualReview;

    /// <summary>"Interpreter (Polish); wheelchair access", or null when the family asked for neither.</summary>
    public string? SupportNeeds => (NeedsInterpreter || HasAccessNeeds)
        ? string.Join("; ", new[] { NeedsInterpreter ? $"Interpreter: {Language ?? "language not given"}" : null, HasAccessNeeds ? AccessNeedsDetails ?? "Access needs" : null }.Where(s => s is not null))
        : null;

    /// <summary>
    /// What another party sees when the family agreed to share "only that you have asked for help, and what kind": who asked
    /// (the family's and the child's names), the route, the decision disagreed with and its date, the kind of meeting. Never
    /// the child's date of birth, school, needs or health, the family's contact details, or anything in their own words.
    /// </summary>
    public CaseProfile SummaryOnly() => new()
    {
        Route = Route,
        IsYoungPerson = IsYoungPerson,
        FamilyName = FamilyName,
        ChildFirstName = ChildFirstName,
        ChildLastName = ChildLastName,
        SenDecision = SenDecision,
        DecisionLetterSent = DecisionLetterSent,
        Appealable = Appealable,
        MeetingType = MeetingType,
        DraftPlanSentOn = DraftPlanSentOn,
        FacilitatorTasks = FacilitatorTasks,
    };

    public static CaseProfile From(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var route = answers.Route ?? "";
        var familyName = answers.IsYoungPerson ? Join(answers[AnswerKeys.ChildFirstName], answers[AnswerKeys.ChildLastName])
            : answers.IsProfessional ? answers[AnswerKeys.FamilyName]
            : answers[AnswerKeys.ParentName];
        return new CaseProfile
        {
            Route = route,
            IsYoungPerson = answers.IsYoungPerson,
            IsReferral = answers.IsProfessional,
            FamilyName = string.IsNullOrWhiteSpace(familyName) ? null : familyName.Trim(),
            ReferrerName = answers.IsProfessional ? answers[AnswerKeys.ReferrerName] : null,
            ReferrerRole = answers.IsProfessional ? answers[AnswerKeys.ApplicantRole] : null,
            ReferrerWorksAt = answers.IsProfessional ? answers[AnswerKeys.ProfessionalType] : null,
            ChildFirstName = answers[AnswerKeys.ChildFirstName],
            ChildLastName = answers[AnswerKeys.ChildLastName],
            ChildDateOfBirth = answers.Date(AnswerKeys.ChildDateOfBirth),
            ChildSchool = answers[AnswerKeys.ChildSchool],
            SenDecision = answers.SenDecision,
            DecisionLetterSent = answers.Date(AnswerKeys.SenLetterDate),
            Appealable = route == AnswerKeys.Sen && answers.SenDecision is not null && SenFacts.IsAppealable(answers),
            HealthOrSocialCareIssues = route == AnswerKeys.Sen && (answers.DisputedParts & (DisputedParts.Health | DisputedParts.SocialCare)) != DisputedParts.None,
            MeetingType = answers.MeetingType,
            MeetingTypeOther = answers[AnswerKeys.MeetingTypeOther],
            MeetingAttendees = answers[AnswerKeys.MeetingAttendees],
            DraftPlanSentOn = route == AnswerKeys.Facilitation && answers.MeetingType == Eligibility.MeetingType.DraftEhcPlanDiscussion ? answers.Date(AnswerKeys.DraftPlanSent) : null,
            FacilitatorTasks = route == AnswerKeys.Facilitation ? answers.List(AnswerKeys.FacilitationHelp) : [],
            WantsAdvocacy = route == AnswerKeys.Bullying && answers[AnswerKeys.BullyingRacist] == "yes" && answers[AnswerKeys.AdvocacyReferral] == "yes",
            WantsIps = answers[AnswerKeys.Supporter] == AnswerKeys.SupporterIpsWanted,
            ContactEmail = answers[AnswerKeys.ContactEmail],
            ContactPhone = answers[AnswerKeys.ContactPhone],
            MessagesBy = answers[AnswerKeys.ContactMethod] != "phone" ? null : answers[AnswerKeys.MessagesBy] switch
            {
                "email" => Messaging.MessageChannel.Email,
                "text" => Messaging.MessageChannel.Text,
                "letter" => Messaging.MessageChannel.Letter,
                _ => null,
            },
            PostalAddress = answers[AnswerKeys.ContactMethod] == "phone" && answers[AnswerKeys.MessagesBy] == "letter"
                ? [.. new[] { answers[AnswerKeys.AddressLine1], answers[AnswerKeys.AddressLine2], answers[AnswerKeys.AddressTown], Messaging.UkContactFormats.Postcode(answers[AnswerKeys.AddressPostcode]) }.OfType<string>().Where(l => l.Trim().Length > 0)]
                : [],
            OptionalMessagesOff = answers[AnswerKeys.OptionalMessages] == "off",
            Language = answers[AnswerKeys.Language] switch
            {
                "english" => "English",
                "bsl" => "British Sign Language (BSL)",
                "other" => string.IsNullOrWhiteSpace(answers[AnswerKeys.LanguageOther]) ? "Another language (not named)" : answers[AnswerKeys.LanguageOther],
                _ => null,
            },
            NeedsInterpreter = answers[AnswerKeys.Interpreter] == "yes",
            HasAccessNeeds = answers[AnswerKeys.AccessNeeds] == "yes",
            AccessNeedsDetails = answers[AnswerKeys.AccessNeedsDetails],
        };
    }

    private static string? Join(string? first, string? last) => first is null && last is null ? null : $"{first} {last}".Trim();
}
