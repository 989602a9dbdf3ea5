using Microsoft.AspNetCore.DataProtection;

namespace ParentPortal.Platform.Files;

/// <summary>
/// Uploaded files at rest: encrypted with the portal's Data Protection keys (kept in the database and rotated by the
/// framework; an old key still opens what it sealed), under a purpose of their own so no other protected value can be
/// mistaken for a file.
/// </summary>
public sealed class UploadVault(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ParentPortal.Uploads.v1");

    public byte[] Seal(byte[] content) => _protector.Protect(content);

    public byte[] Open(byte[] sealedContent) => _protector.Unprotect(sealedContent);
}
