namespace ParentPortal.Domain.Text;

public static class SafeFileNames
{
    /// <summary>Letters, digits, dot and hyphen only, so the name cannot break out of the Content-Disposition header or a folder; always ".pdf".</summary>
    public static string Pdf(string name) => WithExtension(name, ".pdf");

    /// <summary>As <see cref="Pdf"/>, for any extension (".docx", ".jpg"): the name always ends with it.</summary>
    public static string WithExtension(string name, string extension)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(extension);
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('.', '-');
        return safe.Length == 0 ? "document" + extension : safe.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? safe : safe + extension;
    }
}
