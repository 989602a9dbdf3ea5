namespace ParentPortal.Domain.Triage;

/// <summary>
/// The answer to "Which language should we use?" as the culture of the family's messages and documents (issue 17): only
/// for a language the portal is shipped in. British Sign Language and other languages keep the portal's language, with an
/// interpreter arranged by the service.
/// </summary>
public static class ContactLanguage
{
    public const string Welsh = "welsh";
    public const string Urdu = "urdu";

    /// <summary>The culture code for the answer (en-GB, cy, ur), or null when the answer is not one the portal writes in.</summary>
    public static string? CultureFor(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers[AnswerKeys.Language] switch
        {
            "english" => "en-GB",
            Welsh => "cy",
            Urdu => "ur",
            _ => null,
        };
    }
}
