using System.Security.Claims;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>A note for the case history: a call with the family or the local authority, say. The case's adviser, mediator or a manager.</summary>
public sealed class AddNoteHandler(CaseFiles cases)
{
    internal static readonly TextField Note = new("note", "The note", 2000, Lines: true);

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, string? note, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.AddNote, (file, _) =>
        {
            var errors = new List<FieldError>();
            var text = Note.Read(note, errors, required: true);
            if (text is null)
            {
                return Task.FromResult(new CaseChangeResult(false, errors));
            }

            file.Record("note", text);
            return Task.FromResult(CaseChangeResult.Ok("Note added."));
        }, cancellationToken);
}
