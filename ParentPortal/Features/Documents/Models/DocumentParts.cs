namespace ParentPortal.Features.Documents.Models;

/// <summary>Who issued a document: printed in full on it.</summary>
public sealed record Issuer(string Name, string Role, string Organisation);

/// <param name="Code">The code anyone can enter on the verification page.</param>
/// <param name="Url">The verification page for this document (what the QR code opens).</param>
public sealed record DocumentVerification(string Code, string Url);
