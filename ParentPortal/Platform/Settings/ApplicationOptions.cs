namespace ParentPortal.Platform.Settings;

/// <summary>How long an unfinished application is kept (the <c>Applications</c> settings): the clean-up job and the privacy notice read it.</summary>
public sealed class ApplicationOptions
{
    public const string Section = "Applications";

    /// <summary>Unfinished drafts untouched for this long are deleted.</summary>
    public TimeSpan DraftRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The parent is warned this long before a draft is deleted.</summary>
    public TimeSpan DraftDeletionWarning { get; set; } = TimeSpan.FromDays(14);
}
