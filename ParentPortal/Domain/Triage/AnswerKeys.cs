namespace ParentPortal.Domain.Triage;

/// <summary>The names answers are stored under. Changing one orphans saved drafts: add, never rename.</summary>
public static class AnswerKeys
{
    public const string Route = "route";
    public const string Sen = "sen";
    public const string Bullying = "bullying";
    public const string Facilitation = "facilitation";

    public const string Applicant = "applicant";
    public const string YoungPerson = "young-person";
    public const string ApplicantRole = "applicant-role";
    public const string ProfessionalType = "professional-type";
    public const string FamilyConsent = "family-consent";

    /// <summary>A parent or carer applying for themselves: their own name, as it goes on letters and documents.</summary>
    public const string ParentName = "parent-name";

    /// <summary>A professional referring a family: their own name (the referrer, never printed as the family).</summary>
    public const string ReferrerName = "referrer-name";

    /// <summary>A professional's referral: the name of the parent, carer or young person the help is for.</summary>
    public const string FamilyName = "family-name";

    public const string LocalAuthority = "local-authority";
    public const string OutsideArea = "other";

    public const string SenDecision = "sen-decision";
    public const string SenLetterDate = "sen-letter-date";
    public const string SenDisputedParts = "sen-disputed-parts";
    public const string SenAppeal = "sen-appeal";
    public const string SenMediation = "sen-mediation";

    public const string BullyingStages = "bullying-stages";
    public const string BullyingInformalDate = "bullying-informal-date";
    public const string BullyingFormalDate = "bullying-formal-date";
    public const string BullyingPanelDate = "bullying-panel-date";
    public const string BullyingNext = "bullying-next";
    public const string BullyingOutcome = "bullying-outcome";
    public const string BullyingRacist = "bullying-racist";
    public const string AdvocacyReferral = "advocacy-referral";
    public const string BullyingHopes = "bullying-hopes";

    public const string MeetingType = "meeting-type";
    public const string MeetingTypeOther = "meeting-type-other";
    public const string MeetingDateKnown = "meeting-date-known";
    public const string MeetingDate = "meeting-date";
    public const string DraftPlanSent = "draft-plan-sent";
    public const string MeetingAttendees = "meeting-attendees";
    public const string FacilitationHelp = "facilitation-help";
    public const string FacilitationHelpDetails = "facilitation-help-details";

    public const string ChildFirstName = "child-first-name";
    public const string ChildLastName = "child-last-name";
    public const string ChildDateOfBirth = "child-date-of-birth";
    public const string ChildSchool = "child-school";
    public const string EhcPlan = "ehc-plan";

    public const string ContactMethod = "contact-method";
    public const string ContactPhone = "contact-phone";
    public const string ContactEmail = "contact-email";
    public const string MessagesBy = "messages-by";
    public const string AddressLine1 = "address-line-1";
    public const string AddressLine2 = "address-line-2";
    public const string AddressTown = "address-town";
    public const string AddressPostcode = "address-postcode";

    /// <summary>"off" when the family turned off the messages they can do without (reminders, the survey); issue 15 item 5.</summary>
    public const string OptionalMessages = "optional-messages";
    public const string CallTimes = "call-times";
    public const string CallTimesNotes = "call-times-notes";
    public const string Language = "language";
    public const string LanguageOther = "language-other";
    public const string Interpreter = "interpreter";
    public const string AccessNeeds = "access-needs";
    public const string AccessNeedsDetails = "access-needs-details";
    public const string Supporter = "supporter";
    public const string SupporterName = "supporter-name";

    /// <summary>The supporter answer of a family who asks the service to find them an Independent Parental Supporter.</summary>
    public const string SupporterIpsWanted = "ips-wanted";

    public const string ConsentContact = "consent-contact";
    public const string ConsentShare = "consent-share";
}
