namespace ParentPortal.Platform.Localisation;

/// <summary>
/// The words of the family's pages, messages and documents: <c>IStringLocalizer&lt;FamilyText&gt;</c>. The English text is
/// the key (so a string without a translation shows in English, never as a key); each language's translations are in
/// <c>FamilyText.{code}.resx</c> beside this file, a file a translator can work with.
/// </summary>
public sealed class FamilyText;

/// <summary>
/// The words the domain writes: the triage's questions, options, hints and messages (<c>Domain/Triage/TriageQuestions.cs</c>
/// keeps their English text, which is the key), and the rules' sentences (eligibility, a deadline's reason), which are
/// <c>Domain.Text.Wording</c> templates: <c>IStringLocalizer&lt;TriageText&gt;</c>, translated in <c>TriageText.{code}.resx</c>.
/// </summary>
public sealed class TriageText;
