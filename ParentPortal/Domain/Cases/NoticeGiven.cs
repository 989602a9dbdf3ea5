using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Domain.Cases;

/// <summary>How someone was told something the law says they must be told (a meeting's date and place, the family's wish to try mediation).</summary>
public enum NoticeMethod
{
    Email,
    Phone,
    Post,
    InPerson,
}

/// <summary>A notice recorded by staff: the day it was given and how. Who gave it is the member of staff recording it.</summary>
public sealed record NoticeGiven(DateOnly On, NoticeMethod How)
{
    public static IReadOnlyList<(NoticeMethod Method, string Label)> Methods { get; } =
    [
        (NoticeMethod.Phone, "By phone"),
        (NoticeMethod.Post, "By post"),
        (NoticeMethod.Email, "By e-mail"),
        (NoticeMethod.InPerson, "In person"),
    ];

    /// <summary>For a history entry: "by phone on 3 December 2026".</summary>
    public string Describe() => $"{Describe(How)} on {DateText.DayMonthYear(On)}";

    public static string Describe(NoticeMethod how) => how switch
    {
        NoticeMethod.Email => "by e-mail",
        NoticeMethod.Phone => "by phone",
        NoticeMethod.Post => "by post",
        NoticeMethod.InPerson => "in person",
        _ => throw new ArgumentOutOfRangeException(nameof(how), how, "Unknown notice method."),
    };

    /// <summary>
    /// Reads what staff entered. <paramref name="who"/> names who was told ("the family"), for the messages; a notice cannot be
    /// given in the future, nor before <paramref name="earliest"/> (the event that called for it).
    /// </summary>
    /// <param name="happened">What the person did, for the messages: "was told" (a notice), or "answered" (a reply recorded the same way).</param>
    /// <returns>The notice, or the errors keyed <paramref name="fieldPrefix"/> + "date" and + "how".</returns>
    public static (NoticeGiven? Notice, IReadOnlyList<FieldError> Errors) Read(
        DateOnly? on, NoticeMethod? how, DateOnly today, DateOnly earliest, string who, string earliestWhat, string fieldPrefix, string happened = "was told")
    {
        var errors = new List<FieldError>();
        if (on is null)
        {
            errors.Add(new(fieldPrefix + "date", $"Enter the date {who} {happened}"));
        }
        else if (on > today)
        {
            errors.Add(new(fieldPrefix + "date", $"The date {who} {happened} must be today or in the past"));
        }
        else if (on < earliest)
        {
            errors.Add(new(fieldPrefix + "date", $"The date {who} {happened} must be on or after {DateText.DayMonthYear(earliest)}, when {earliestWhat}"));
        }

        if (how is not { } method || !Enum.IsDefined(method))
        {
            errors.Add(new(fieldPrefix + "how", $"Select how {who} {happened}"));
        }

        return errors.Count == 0 ? (new NoticeGiven(on!.Value, how!.Value), []) : (null, errors);
    }
}
