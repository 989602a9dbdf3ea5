namespace ParentPortal.Domain.Eligibility;

public enum SenRoute
{
    /// <summary>Appealable; the parent or young person contacts the mediation adviser and gets a certificate before appealing.</summary>
    AppealAfterMediationAdvice,

    /// <summary>Appealable, and the appeal is only about Section I, so no certificate is needed.</summary>
    AppealWithoutCertificate,

    /// <summary>Not appealable: independent disagreement resolution, voluntary for everyone, or mediation of health and social care.</summary>
    DisagreementResolution,
}
