using ParentPortal.Domain.Triage;

namespace ParentPortal.Domain.Text;

/// <summary>
/// One free-text box on a staff or family form: what it is called in messages, how long it may be, and whether
/// it takes several lines. <see cref="Read"/> gives the value to store (trimmed, composed) or records why it cannot
/// be stored: nothing is ever cut short or silently changed, because a note or an agreement that is not what the
/// person typed is worse than a message asking them to fix it.
/// </summary>
/// <param name="IsName">A person's name, printed on documents: letters, spaces, hyphens and apostrophes, no emoji or symbols.</param>
public sealed record TextField(string Key, string Label, int Max, bool Lines = false, string? Missing = null, bool IsName = false)
{
    /// <summary>The cleaned value, or null when empty (an error is added if the field is required) or refused.</summary>
    public string? Read(string? value, ICollection<FieldError> errors, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var clean = TypedText.Tidy(value);
        if (clean is null)
        {
            if (required)
            {
                errors.Add(FieldError.Of(Key, Missing ?? Wording.Format("Enter {0}", WordingPart.WordsInSentence(Label))));
            }

            return null;
        }

        if (!TypedText.IsWellFormed(clean, Lines))
        {
            errors.Add(FieldError.Of(Key, Wording.Format("{0} contains a character that cannot be saved, such as an invisible control character. Please retype it.", WordingPart.Words(Label))));
            return null;
        }

        if (clean.Length > Max)
        {
            errors.Add(FieldError.Of(Key, Wording.Format("{0} must be {1} characters or fewer (it has {2})", WordingPart.Words(Label), WordingPart.Number(Max), WordingPart.Number(clean.Length))));
            return null;
        }

        if (IsName && TypedText.FirstNotInAName(clean) is { } character)
        {
            errors.Add(FieldError.Of(Key, Wording.Format("{0} must only include letters, spaces, hyphens and apostrophes, not emoji or other symbols (remove \u201C{1}\u201D)", WordingPart.Words(Label), WordingPart.AsTyped(character.ToString()))));
            return null;
        }

        return clean;
    }
}
