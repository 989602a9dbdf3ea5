using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Domain.Eligibility;

/// <summary>
/// Annual reviews have notice rules (<c>NoticeBy</c>, <c>PapersBy</c>, <c>ReportBy</c>, and
/// <c>StillTimeForFullNotice</c> once the meeting date is known); a draft EHC plan discussion has the comment
/// period (<c>CommentsBy</c>, <c>CommentPeriodOpen</c>); other meetings are arranged by agreement.
/// </summary>
public sealed record FacilitationResult(
    MeetingType MeetingType,
    bool HasStatutoryNoticeRules,
    Deadline? NoticeBy,
    Deadline? PapersBy,
    Deadline? ReportBy,
    Deadline? CommentsBy,
    bool? StillTimeForFullNotice,
    bool? CommentPeriodOpen,
    string Reason,
    IReadOnlyList<string> Explanations);
