using ParentPortal.Domain.Eligibility;

namespace ParentPortal.Domain.Triage;

/// <summary>
/// Every question of the journey, in order, for all three routes. Wording is plain and neutral: it never
/// pushes a parent towards or away from mediation.
/// </summary>
public static class TriageQuestions
{
    private const int NameLength = 100;
    private const int LongText = 2000;

    public static IReadOnlyList<Step> All { get; } =
    [
        new Step("route", TriageSection.Situation, "What do you need help with?",
        [
            Radios(AnswerKeys.Route, "What do you need help with?", "Select what you need help with",
                new(AnswerKeys.Sen, "A disagreement about special educational needs (SEN)", "For example, the local authority refused an EHC needs assessment, or you disagree with what an EHC plan says."),
                new(AnswerKeys.Bullying, "Bullying that the school's complaints procedure has not resolved"),
                new(AnswerKeys.Facilitation, "An independent person to chair a meeting", "For example, an EHC plan annual review or a Team Around the Child meeting.")),
        ]) { SummaryLabel = "Help needed" },

        new Step("applicant", TriageSection.Situation, "Who is applying?",
        [
            Radios(AnswerKeys.Applicant, "Who is applying?", "Select who is applying",
                new("parent", "I'm a parent or carer"),
                new(AnswerKeys.YoungPerson, "I'm a young person aged 16 to 25, asking for myself"),
                new("professional", "I work with the family", "For example, at a school, a college or the local authority.")),
            new Field(AnswerKeys.ReferrerName, FieldKind.Text, "Your full name")
            {
                IsPersonName = true,
                SummaryLabel = "Your name",
                RevealedBy = (AnswerKeys.Applicant, "professional"),
                RequiredMessage = "Enter your full name",
                MessageName = "Your full name",
                MaxLength = NameLength,
                Autocomplete = "name",
            },
            new Field(AnswerKeys.ApplicantRole, FieldKind.Text, "Your job title and organisation")
            {
                SummaryLabel = "Role",
                RevealedBy = (AnswerKeys.Applicant, "professional"),
                RequiredMessage = "Enter your job title and organisation",
                Autocomplete = "organization-title",
            },
            Radios(AnswerKeys.ProfessionalType, "Where do you work?", "Select where you work",
                new("school", "A school, college or other setting"),
                new("local-authority", "The local authority"),
                new("other", "Somewhere else, for example health or a charity")) with { RevealedBy = (AnswerKeys.Applicant, "professional"), SummaryLabel = "Works at" },
            Radios(AnswerKeys.FamilyConsent, "Has the family agreed to you asking us for help?", "Select whether the family has agreed",
                new("yes", "Yes"),
                new("no", "No")) with { RevealedBy = (AnswerKeys.Applicant, "professional"), SummaryLabel = "Family has agreed" },
        ])
        {
            SummaryLabel = "Applying",
            Rules = (values, _, _) => values.GetValueOrDefault(AnswerKeys.FamilyConsent) == "no"
                ? [new FieldError(AnswerKeys.FamilyConsent, "We need the family's agreement before you refer them. Ask them first, or they can contact us themselves")]
                : [],
        },

        new Step("your-name", TriageSection.Situation, "What is your full name?",
        [
            new Field(AnswerKeys.ParentName, FieldKind.Text, "What is your full name?")
            {
                IsPersonName = true,
                Hint = "As you would like it on our letters, and on any certificate or agreement.",
                RequiredMessage = "Enter your full name",
                MessageName = "Your full name",
                MaxLength = NameLength,
                Autocomplete = "name",
            },
        ])
        {
            AppliesWhen = a => a[AnswerKeys.Applicant] == "parent",
            SummaryLabel = "Your name",
        },

        new Step("family-name", TriageSection.Situation, "What is the name of the parent, carer or young person?",
        [
            new Field(AnswerKeys.FamilyName, FieldKind.Text, "What is the name of the parent, carer or young person?")
            {
                IsPersonName = true,
                Hint = "The person the help is for: a young person aged 16 to 25 can ask for themselves. We write to them, not to you, and their name goes on any certificate or agreement.",
                RequiredMessage = "Enter the full name of the parent, carer or young person",
                MessageName = "The name of the parent, carer or young person",
                MaxLength = NameLength,
                Autocomplete = "off",
            },
        ])
        {
            AppliesWhen = a => a.IsProfessional,
            SummaryLabel = "Parent, carer or young person",
        },

        new Step("local-authority", TriageSection.Situation, "Which local authority is responsible for the child?",
        [
            new Field(AnswerKeys.LocalAuthority, FieldKind.Radios, "Which local authority is responsible for the child?")
            {
                Hint = "This is usually the council for the area where the child or young person lives.",
                RequiredMessage = "Select the local authority",
                Options = (_, context) => [.. context.LocalAuthorities, new Option(AnswerKeys.OutsideArea, "Another local authority")],
            },
        ]) { YoungPersonTitle = "Which local authority is responsible for you?", SummaryLabel = "Local authority" },

        new Step("outside-area", TriageSection.Situation, "We cannot help in that area", [])
        {
            AppliesWhen = a => a[AnswerKeys.LocalAuthority] == AnswerKeys.OutsideArea,
            StopsWhen = _ => true,
        },

        new Step("sen-decision", TriageSection.Situation, "What decision do you disagree with?",
        [
            Radios(AnswerKeys.SenDecision, "What decision do you disagree with?", "Select the decision you disagree with",
                new("refusal-to-assess", "The local authority refused to carry out an EHC needs assessment"),
                new("refusal-to-issue-plan", "They assessed, but decided not to issue an EHC plan"),
                new("plan-contents", "I disagree with what the EHC plan says", "This includes a new plan, or one that has been changed."),
                new("refusal-to-reassess", "They refused to carry out a re-assessment"),
                new("refusal-to-amend", "They decided not to change the plan after a review or re-assessment"),
                new("cease-to-maintain", "They decided to stop the EHC plan"),
                new("something-else", "Something else", "For example, the support a school gives without an EHC plan.")),
        ]) { AppliesWhen = a => a.Route == AnswerKeys.Sen, SummaryLabel = "Decision" },

        new Step("sen-letter-date", TriageSection.Situation, "When was the decision letter sent?",
        [
            new Field(AnswerKeys.SenLetterDate, FieldKind.Date, "When was the decision letter sent?")
            {
                Hint = "This is usually the date printed on the letter. For example, 27 3 2026.",
                RequiredMessage = "Enter the date the decision letter was sent",
                MessageName = "The date the decision letter was sent",
                DateRule = DateRule.TodayOrPast,
                EarliestDate = today => today.AddYears(-10),
                EarliestDateMessage = "The date the decision letter was sent must be within the last 10 years",
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Sen && a.SenDecision != SenDecision.SomethingElse,
            SummaryLabel = "Decision letter sent",
        },

        new Step("sen-disputed-parts", TriageSection.Situation, "Which parts of the EHC plan do you disagree with?",
        [
            new Field(AnswerKeys.SenDisputedParts, FieldKind.Checkboxes, "Which parts of the EHC plan do you disagree with?")
            {
                Hint = "Select all that apply.",
                RequiredMessage = "Select which parts of the plan you disagree with",
                Options = Fixed(
                    new("section-b", "Section B: the description of special educational needs"),
                    new("section-f", "Section F: the special educational support (provision)"),
                    new("section-i", "Section I: the school or type of school named, or that none is named"),
                    new("health", "Health needs or provision (sections C and G)"),
                    new("social-care", "Social care needs or provision (sections D and H)")),
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Sen && a.SenDecision == SenDecision.PlanContents,
            SummaryLabel = "Parts disagreed with",
        },

        new Step("sen-appeal", TriageSection.Situation, "Are you thinking about appealing to the tribunal?",
        [
            Radios(AnswerKeys.SenAppeal, "Are you thinking about appealing to the tribunal?", "Select whether you are thinking about appealing",
                new("yes", "Yes"),
                new("not-sure", "I'm not sure yet"),
                new("no", "No")) with { Hint = "You do not have to decide now. This helps us tell you which dates matter." },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Sen && SenFacts.IsAppealable(a),
            SummaryLabel = "Thinking about appealing",
        },

        new Step("sen-mediation", TriageSection.Situation, "Would you like to try mediation?",
        [
            new Field(AnswerKeys.SenMediation, FieldKind.Radios, "Would you like to try mediation?")
            {
                Hint = "Mediation is a meeting with the local authority, led by an independent mediator, to try to agree a way forward. It is voluntary and free. You can change your mind later.",
                RequiredMessage = "Select whether you would like to try mediation",
                Options = (answers, _) => SenFacts.NeedsCertificate(answers)
                    ?
                    [
                        new("mediation", "Yes, I would like to try mediation"),
                        new("certificate-only", "No, I only need the mediation certificate", "You need a certificate before you can appeal. You get one whether or not you have mediation."),
                        new("undecided", "I have not decided: I would like information first"),
                    ]
                    :
                    [
                        new("mediation", "Yes, I would like to try mediation"),
                        new("undecided", "I have not decided: I would like information first"),
                        new("no", "No, I do not want mediation"),
                    ],
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Sen,
            SummaryLabel = "Mediation",
        },

        new Step("bullying-stages", TriageSection.Situation, "Which stages of the school's complaints procedure have been completed?",
        [
            new Field(AnswerKeys.BullyingStages, FieldKind.Checkboxes, "Which stages of the school's complaints procedure have been completed?")
            {
                Hint = "Select all that apply. Most schools' procedures have these stages.",
                RequiredMessage = "Select the stages completed, or \"None of these yet\"",
                Options = Fixed(
                    new("informal", "Raised informally with the class teacher, tutor or head of year"),
                    new("formal", "A formal complaint to the headteacher"),
                    new("panel", "The complaint was heard by a panel of the governing board", "This is usually the final stage."),
                    new("none", "None of these yet", Exclusive: true)),
            },
            StageDate(AnswerKeys.BullyingInformalDate, "informal", "When was it raised informally?",
                "Enter the date it was raised informally", "The date it was raised informally", "The date it was raised informally must be within the last 5 years"),
            StageDate(AnswerKeys.BullyingFormalDate, "formal", "When was the formal complaint made?",
                "Enter the date of the formal complaint", "The date of the formal complaint", "The date of the formal complaint must be within the last 5 years"),
            StageDate(AnswerKeys.BullyingPanelDate, "panel", "When did the panel hear the complaint?",
                "Enter the date the panel heard the complaint", "The date the panel heard the complaint", "The date the panel heard the complaint must be within the last 5 years"),
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Bullying,
            SummaryLabel = "Complaint stages completed",
        },

        new Step("bullying-not-finished", TriageSection.Situation, "Finish the school's complaints procedure first",
        [
            Radios(AnswerKeys.BullyingNext, "What would you like to do?", "Select what you would like to do",
                new("come-back", "Save my answers and come back when the school's procedure has finished"),
                new("talk-now", "Talk to an adviser now about what to do next")),
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Bullying && a.List(AnswerKeys.BullyingStages).Count > 0
                && !BullyingEligibility.Assess(new BullyingEligibilityInput(a.ComplaintStages, false, a.ReferredBySchool)).IsEligible,
            StopsWhen = a => a[AnswerKeys.BullyingNext] == "come-back",
            SummaryLabel = "Next step",
        },

        new Step("bullying-outcome", TriageSection.Situation, "What was the outcome of the complaint?",
        [
            new Field(AnswerKeys.BullyingOutcome, FieldKind.TextArea, "What was the outcome of the complaint?")
            {
                Hint = "Tell us what the school said or did. Do not include other children's names.",
                RequiredMessage = "Enter what the outcome of the complaint was",
                MessageName = "The outcome of the complaint",
                MaxLength = LongText,
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Bullying && a.List(AnswerKeys.BullyingStages).Any(s => s != "none"),
            SummaryLabel = "Outcome of the complaint",
        },

        new Step("bullying-racist", TriageSection.Situation, "Has the bullying included racist incidents?",
        [
            Radios(AnswerKeys.BullyingRacist, "Has the bullying included racist incidents?", "Select whether the bullying included racist incidents",
                new("yes", "Yes"),
                new("no", "No"),
                new("prefer-not-to-say", "I would rather not say")),
            Radios(AnswerKeys.AdvocacyReferral, "There is also a separate advocacy service for minority ethnic parents. Would you like us to put you in touch?", "Select whether you would like us to put you in touch with the advocacy service",
                new("yes", "Yes, please put me in touch"),
                new("no", "No, thank you")) with { RevealedBy = (AnswerKeys.BullyingRacist, "yes"), Hint = "The two services are independent and work together when you want them to.", SummaryLabel = "Put in touch with the advocacy service" },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Bullying,
            SummaryLabel = "Racist incidents",
        },

        new Step("bullying-hopes", TriageSection.Situation, "What would you like to happen?",
        [
            new Field(AnswerKeys.BullyingHopes, FieldKind.TextArea, "What would you like to happen?")
            {
                Hint = "For example, a meeting with the school, a plan to keep your child safe, or help choosing what to do next.",
                RequiredMessage = "Enter what you would like to happen",
                MessageName = "What you would like to happen",
                MaxLength = LongText,
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Bullying,
            SummaryLabel = "What you would like to happen",
        },

        new Step("meeting-type", TriageSection.Situation, "What kind of meeting is it?",
        [
            Radios(AnswerKeys.MeetingType, "What kind of meeting is it?", "Select the kind of meeting",
                new("annual-review", "An annual review of an EHC plan"),
                new("team-around-the-child", "A Team Around the Child (TAC) meeting"),
                new("draft-plan", "A discussion about a draft EHC plan"),
                new("other", "Another meeting")),
            new Field(AnswerKeys.MeetingTypeOther, FieldKind.Text, "What is the meeting about?")
            {
                SummaryLabel = "About",
                RevealedBy = (AnswerKeys.MeetingType, "other"),
                RequiredMessage = "Enter what the meeting is about",
                MessageName = "What the meeting is about",
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Facilitation,
            SummaryLabel = "Meeting",
        },

        new Step("meeting-date", TriageSection.Situation, "Do you know the date of the meeting?",
        [
            Radios(AnswerKeys.MeetingDateKnown, "Do you know the date of the meeting?", "Select whether you know the date of the meeting",
                new("yes", "Yes"),
                new("no", "Not yet")),
            new Field(AnswerKeys.MeetingDate, FieldKind.Date, "Date of the meeting")
            {
                SummaryLabel = "Date",
                RevealedBy = (AnswerKeys.MeetingDateKnown, "yes"),
                Hint = "For example, 15 6 2027.",
                RequiredMessage = "Enter the date of the meeting",
                MessageName = "The date of the meeting",
                DateRule = DateRule.TodayOrFuture,
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Facilitation,
            SummaryLabel = "Meeting date",
        },

        new Step("draft-plan-sent", TriageSection.Situation, "When was the draft EHC plan sent?",
        [
            new Field(AnswerKeys.DraftPlanSent, FieldKind.Date, "When was the draft EHC plan sent?")
            {
                Hint = "Leave this empty if you do not know. For example, 2 6 2026.",
                Required = false,
                MessageName = "The date the draft plan was sent",
                DateRule = DateRule.TodayOrPast,
                EarliestDate = today => today.AddYears(-2),
                EarliestDateMessage = "The date the draft plan was sent must be within the last 2 years",
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Facilitation && a[AnswerKeys.MeetingType] == "draft-plan",
            SummaryLabel = "Draft plan sent",
        },

        new Step("meeting-attendees", TriageSection.Situation, "Who will be at the meeting?",
        [
            new Field(AnswerKeys.MeetingAttendees, FieldKind.TextArea, "Who will be at the meeting?")
            {
                Hint = "Give people's roles, for example: parent, the young person, SENCo, class teacher, educational psychologist.",
                RequiredMessage = "Enter who will be at the meeting",
                MessageName = "Who will be at the meeting",
                MaxLength = 1000,
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Facilitation,
            SummaryLabel = "Who will attend",
        },

        new Step("facilitation-help", TriageSection.Situation, "What would you like the facilitator to do?",
        [
            new Field(AnswerKeys.FacilitationHelp, FieldKind.Checkboxes, "What would you like the facilitator to do?")
            {
                Hint = "Select all that apply.",
                RequiredMessage = "Select what you would like the facilitator to do",
                Options = Fixed(
                    new("organise", "Organise the meeting"),
                    new("agenda", "Draft the agenda"),
                    new("chair", "Chair the meeting"),
                    new("record", "Write down the action points everyone agrees")),
            },
            new Field(AnswerKeys.FacilitationHelpDetails, FieldKind.TextArea, "Anything else we should know (optional)")
            {
                SummaryLabel = "Also",
                Required = false,
                MessageName = "Anything else we should know",
                MaxLength = LongText,
            },
        ])
        {
            AppliesWhen = a => a.Route == AnswerKeys.Facilitation,
            SummaryLabel = "Help wanted",
        },

        new Step("child-name", TriageSection.Child, "What is the child or young person's name?",
        [
            new Field(AnswerKeys.ChildFirstName, FieldKind.Text, "First name")
            {
                IsPersonName = true,
                RequiredMessage = "Enter their first name",
                MessageName = "First name",
                MaxLength = NameLength,
            },
            new Field(AnswerKeys.ChildLastName, FieldKind.Text, "Last name")
            {
                IsPersonName = true,
                RequiredMessage = "Enter their last name",
                MessageName = "Last name",
                MaxLength = NameLength,
            },
        ])
        {
            YoungPersonTitle = "What is your name?",
            SummaryLabel = "Name",
        },

        new Step("child-date-of-birth", TriageSection.Child, "What is their date of birth?",
        [
            new Field(AnswerKeys.ChildDateOfBirth, FieldKind.Date, "What is their date of birth?")
            {
                Hint = "For example, 27 3 2015.",
                RequiredMessage = "Enter their date of birth",
                MessageName = "Date of birth",
                DateRule = DateRule.TodayOrPast,
                EarliestDate = today => today.AddYears(-26).AddDays(1),
                EarliestDateMessage = "This service is for children and young people up to the age of 25",
            },
        ])
        {
            YoungPersonTitle = "What is your date of birth?",
            SummaryLabel = "Date of birth",
        },

        new Step("child-school", TriageSection.Child, "Which school, college or setting do they go to?",
        [
            new Field(AnswerKeys.ChildSchool, FieldKind.Text, "Which school, college or setting do they go to?")
            {
                Hint = "Leave this empty if they are not in education at the moment.",
                Required = false,
                MessageName = "School, college or setting",
            },
        ])
        {
            YoungPersonTitle = "Which school, college or setting do you go to?",
            SummaryLabel = "School, college or setting",
        },

        new Step("ehc-plan", TriageSection.Child, "Do they have an education, health and care (EHC) plan?",
        [
            Radios(AnswerKeys.EhcPlan, "Do they have an education, health and care (EHC) plan?", "Select whether they have an EHC plan",
                new("yes", "Yes"),
                new("being-assessed", "They are being assessed for one"),
                new("no", "No"),
                new("not-sure", "I'm not sure")),
        ])
        {
            YoungPersonTitle = "Do you have an education, health and care (EHC) plan?",
            SummaryLabel = "EHC plan",
        },

        new Step("contact", TriageSection.Contact, "How should we contact you?",
        [
            new Field(AnswerKeys.ContactPhone, FieldKind.Phone, "Telephone number")
            {
                SummaryLabel = "Telephone",
                Hint = "For international numbers include the country code.",
                Required = false,
                MessageName = "Telephone number",
                MaxLength = 20,
                Autocomplete = "tel",
                AboutTheFamily = true,
            },
            new Field(AnswerKeys.ContactEmail, FieldKind.Email, "Email address")
            {
                SummaryLabel = "Email",
                Required = false,
                MessageName = "Email address",
                MaxLength = 254,
                Autocomplete = "email",
                AboutTheFamily = true,
            },
            Radios(AnswerKeys.ContactMethod, "How would you prefer us to contact you?", "Select how you would prefer us to contact you",
                new("phone", "By telephone"),
                new("email", "By email")) with { SummaryLabel = "Prefers" },
        ])
        {
            ProfessionalTitle = "How should we contact the family?",
            SummaryLabel = "Contact details",
            Rules = ContactRules,
        },

        // Issue 15 item 2: a family who asked to be phoned may have no e-mail; confirmations and reminders still reach them.
        new Step("messages", TriageSection.Contact, "How should we send you confirmations and reminders?",
        [
            Radios(AnswerKeys.MessagesBy, "How should we send you confirmations and reminders?", "Select how we should send you confirmations and reminders",
                new("email", "Email"),
                new("text", "Text message", "A short message to your mobile with your reference. Sign in or call us for the details."),
                new("letter", "Letter in the post")) with
            {
                SummaryLabel = "Sent by",
                Hint = "For example, that we have your application, the details of a session or meeting, and when your certificate is ready. We will still phone you.",
            },
        ])
        {
            ProfessionalTitle = "How should we send the family confirmations and reminders?",
            AppliesWhen = a => a[AnswerKeys.ContactMethod] == "phone",
            SummaryLabel = "Confirmations and reminders",
            Rules = MessagesRules,
        },

        new Step("postal-address", TriageSection.Contact, "What is your postal address?",
        [
            new Field(AnswerKeys.AddressLine1, FieldKind.Text, "Address line 1")
            {
                SummaryLabel = "Address",
                RequiredMessage = "Enter the first line of your address, like 10 Station Road",
                MessageName = "Address line 1",
                MaxLength = NameLength,
                Autocomplete = "address-line1",
                AboutTheFamily = true,
            },
            new Field(AnswerKeys.AddressLine2, FieldKind.Text, "Address line 2 (optional)")
            {
                SummaryLabel = "Address line 2",
                Required = false,
                MessageName = "Address line 2",
                MaxLength = NameLength,
                Autocomplete = "address-line2",
                AboutTheFamily = true,
            },
            new Field(AnswerKeys.AddressTown, FieldKind.Text, "Town or city (optional)")
            {
                SummaryLabel = "Town or city",
                Required = false,
                MessageName = "Town or city",
                MaxLength = NameLength,
                Autocomplete = "address-level2",
                AboutTheFamily = true,
            },
            new Field(AnswerKeys.AddressPostcode, FieldKind.Text, "Postcode")
            {
                SummaryLabel = "Postcode",
                RequiredMessage = "Enter your postcode, like SW1A 1AA",
                MessageName = "Postcode",
                MaxLength = 10,
                Autocomplete = "postal-code",
                AboutTheFamily = true,
            },
        ])
        {
            ProfessionalTitle = "What is the family's postal address?",
            AppliesWhen = a => a[AnswerKeys.ContactMethod] == "phone" && a[AnswerKeys.MessagesBy] == "letter",
            SummaryLabel = "Postal address",
            Rules = AddressRules,
        },

        new Step("call-times", TriageSection.Contact, "When is the best time to call you?",
        [
            new Field(AnswerKeys.CallTimes, FieldKind.Checkboxes, "When is the best time to call you?")
            {
                Hint = "Select all that apply. The helpline is open on weekdays.",
                RequiredMessage = "Select when we can call you",
                Options = Fixed(
                    new("morning", "Mornings, 9am to 12pm"),
                    new("afternoon", "Afternoons, 12pm to 5pm"),
                    new("any", "Any time the helpline is open", Exclusive: true)),
            },
            new Field(AnswerKeys.CallTimesNotes, FieldKind.Text, "Anything else about when to call (optional)")
            {
                SummaryLabel = "Also",
                Hint = "For example, not on Wednesdays, or after school pick-up.",
                Required = false,
                MessageName = "Anything else about when to call",
            },
        ])
        {
            ProfessionalTitle = "When is the best time to call the family?",
            AppliesWhen = a => a[AnswerKeys.ContactMethod] == "phone" || a.Route == AnswerKeys.Bullying,
            SummaryLabel = "Best times to call",
        },

        new Step("language", TriageSection.Contact, "Which language should we use?",
        [
            Radios(AnswerKeys.Language, "Which language should we use?", "Select which language we should use",
                new("english", "English"),
                new(ContactLanguage.Welsh, "Welsh (Cymraeg)"),
                new(ContactLanguage.Urdu, "Urdu (اردو)"),
                new("bsl", "British Sign Language (BSL)"),
                new("other", "Another language")),
            new Field(AnswerKeys.LanguageOther, FieldKind.Text, "Which language?")
            {
                SummaryLabel = "Language",
                RevealedBy = (AnswerKeys.Language, "other"),
                RequiredMessage = "Enter which language we should use",
                MessageName = "Language",
                MaxLength = NameLength,
            },
            Radios(AnswerKeys.Interpreter, "Would you like an interpreter?", "Select whether you would like an interpreter",
                new("yes", "Yes, please arrange an interpreter"),
                new("no", "No")) with { RevealedBy = (AnswerKeys.Language, "other"), SummaryLabel = "Interpreter" },
        ])
        {
            SummaryLabel = "Language",
        },

        new Step("access-needs", TriageSection.Contact, "Do you need us to make any adjustments?",
        [
            Radios(AnswerKeys.AccessNeeds, "Do you need us to make any adjustments?", "Select whether you need any adjustments",
                new("no", "No"),
                new("yes", "Yes")) with { Hint = "For example, large print, text relay, easy read, or a quiet room for meetings." },
            new Field(AnswerKeys.AccessNeedsDetails, FieldKind.TextArea, "What adjustments do you need?")
            {
                SummaryLabel = "Details",
                RevealedBy = (AnswerKeys.AccessNeeds, "yes"),
                RequiredMessage = "Enter the adjustments you need",
                MessageName = "The adjustments you need",
                MaxLength = 1000,
            },
        ])
        {
            ProfessionalTitle = "Does the family need us to make any adjustments?",
            SummaryLabel = "Adjustments",
        },

        new Step("supporter", TriageSection.Contact, "Will anyone support you?",
        [
            Radios(AnswerKeys.Supporter, "Will anyone support you?", "Select whether anyone will support you",
                new("none", "No"),
                new("friend-or-family", "A friend or family member"),
                new("ips", "An Independent Parental Supporter (IPS) I already have"),
                new(AnswerKeys.SupporterIpsWanted, "I would like an Independent Parental Supporter: please find me one"),
                new("advocate", "An advocate or legal representative")) with { Hint = "They can come to meetings with you. An Independent Parental Supporter is a trained volunteer, independent of the school and the local authority, who can help you prepare and come with you. It is free." },
            new Field(AnswerKeys.SupporterName, FieldKind.Text, "Their name (optional)")
            {
                IsPersonName = true,
                Hint = "If you already know who will support you. Leave it empty if you would like us to find you an Independent Parental Supporter.",
                SummaryLabel = "Name",
                Required = false,
                MessageName = "Their name",
                MaxLength = NameLength,
            },
        ])
        {
            ProfessionalTitle = "Will anyone support the family?",
            SummaryLabel = "Supporter",
            Rules = (values, _, _) => values.GetValueOrDefault(AnswerKeys.Supporter) == "none" && !string.IsNullOrEmpty(values.GetValueOrDefault(AnswerKeys.SupporterName))
                ? [new FieldError(AnswerKeys.SupporterName, "Leave their name empty, or select who will support you")]
                : [],
        },

        new Step("consent", TriageSection.Sharing, "Can we contact the school or local authority about this?",
        [
            new Field(AnswerKeys.ConsentContact, FieldKind.Checkboxes, "Can we contact the school or local authority about this?")
            {
                Hint = "We only contact them if you agree. Select all that apply.",
                RequiredMessage = "Select who we can contact, or \"Do not contact anyone yet\"",
                Options = Fixed(
                    new("school", "The school, college or setting"),
                    new("local-authority", "The local authority"),
                    new("none", "Do not contact anyone yet", Exclusive: true)),
            },
            Radios(AnswerKeys.ConsentShare, "What can we share with them?", "Select what we can share",
                new("everything", "Everything in this application"),
                new("summary", "Only that you have asked for help, and what kind"),
                new("ask-first", "Ask me before sharing anything")) with { Required = false, SummaryLabel = "May share" },
        ])
        {
            SummaryLabel = "Contacting others",
            Rules = (values, _, _) =>
            {
                var contacts = values.GetValueOrDefault(AnswerKeys.ConsentContact)?.Split(',') ?? [];
                var share = values.GetValueOrDefault(AnswerKeys.ConsentShare);
                return contacts.Any(c => c != "none") && string.IsNullOrEmpty(share)
                    ? [new FieldError(AnswerKeys.ConsentShare, "Select what we can share")]
                    : contacts.Contains("none") && !string.IsNullOrEmpty(share)
                        ? [new FieldError(AnswerKeys.ConsentShare, "Leave this empty if we should not contact anyone yet")]
                        : [];
            },
        },
    ];

    public static Step? Find(string? key) => All.FirstOrDefault(s => s.Key == key);

    private static Field Radios(string key, string label, string requiredMessage, params Option[] options) =>
        new(key, FieldKind.Radios, label) { RequiredMessage = requiredMessage, Options = Fixed(options) };

    private static Func<TriageAnswers, TriageContext, IReadOnlyList<Option>> Fixed(params Option[] options) => (_, _) => options;

    // Each message written out whole (not built from the name), so each can be translated as a sentence.
    private static Field StageDate(string key, string stage, string label, string required, string name, string tooEarly) => new(key, FieldKind.Date, label)
    {
        SummaryLabel = stage switch { "informal" => "Raised informally", "formal" => "Formal complaint", _ => "Panel hearing" },
        RevealedBy = (AnswerKeys.BullyingStages, stage),
        Hint = "If you do not know the exact day, use the 1st of the month.",
        RequiredMessage = required,
        MessageName = name,
        DateRule = DateRule.TodayOrPast,
        EarliestDate = today => today.AddYears(-5),
        EarliestDateMessage = tooEarly,
    };

    private static IEnumerable<FieldError> MessagesRules(IReadOnlyDictionary<string, string> values, TriageAnswers answers, TriageContext context)
    {
        var by = values.GetValueOrDefault(AnswerKeys.MessagesBy);
        if (by == "email" && string.IsNullOrEmpty(answers[AnswerKeys.ContactEmail]))
        {
            yield return new FieldError(AnswerKeys.MessagesBy, "You have not given an email address. Go back to add one, or choose text message or letter");
        }
        else if (by == "text" && Messaging.UkContactFormats.MobileNumber(answers[AnswerKeys.ContactPhone]) is null)
        {
            yield return new FieldError(AnswerKeys.MessagesBy, string.IsNullOrEmpty(answers[AnswerKeys.ContactPhone])
                ? "You have not given a mobile number. Go back to add one, or choose email or letter"
                : "We can only send text messages to a mobile number, like 07700 900 982 or +33 6 12 34 56 78. Go back to change the number, or choose email or letter");
        }
    }

    private static IEnumerable<FieldError> AddressRules(IReadOnlyDictionary<string, string> values, TriageAnswers answers, TriageContext context)
    {
        if (values.GetValueOrDefault(AnswerKeys.AddressPostcode) is { Length: > 0 } postcode && Messaging.UkContactFormats.Postcode(postcode) is null)
        {
            yield return new FieldError(AnswerKeys.AddressPostcode, "Enter a real postcode, like SW1A 1AA");
        }
    }

    private static IEnumerable<FieldError> ContactRules(IReadOnlyDictionary<string, string> values, TriageAnswers answers, TriageContext context)
    {
        var phone = values.GetValueOrDefault(AnswerKeys.ContactPhone);
        var email = values.GetValueOrDefault(AnswerKeys.ContactEmail);
        var method = values.GetValueOrDefault(AnswerKeys.ContactMethod);
        if (answers.Route == AnswerKeys.Bullying && string.IsNullOrEmpty(phone))
        {
            yield return new FieldError(AnswerKeys.ContactPhone, "Enter a telephone number, so an adviser can call you back");
        }
        else if (method == "phone" && string.IsNullOrEmpty(phone))
        {
            yield return new FieldError(AnswerKeys.ContactPhone, "Enter a telephone number, or choose to be contacted by email");
        }

        if (method == "email" && string.IsNullOrEmpty(email))
        {
            yield return new FieldError(AnswerKeys.ContactEmail, "Enter an email address, or choose to be contacted by telephone");
        }
    }
}
