using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ParentPortal.Data;

namespace ParentPortal.Platform.Settings;

public sealed record LocalAuthoritySummary(int Id, string Code, string Name);

/// <summary>The service's advocacy partner for minority ethnic families, as a manager set it under Service settings.</summary>
public sealed record AdvocacyService(string Name, string? Email, string? Phone);

/// <summary>What the header, footer and start page say about the service: data, not code.</summary>
public sealed record ServiceProfile(
    string Name,
    string HelplinePhone,
    string HelplineHours,
    string ContactEmail,
    IReadOnlyList<LocalAuthoritySummary> LocalAuthorities)
{
    /// <summary>The advocacy service for minority ethnic families families are referred to (seed 000), once a manager set it.</summary>
    public AdvocacyService? Advocacy { get; init; }

    /// <summary>The number in a form a phone can dial from a tel: link.</summary>
    public string HelplineDialable => new(HelplinePhone.Where(c => char.IsDigit(c) || c == '+').ToArray());
}

public sealed class ServiceDirectory(IDbContextFactory<PortalDbContext> contextFactory, IMemoryCache cache)
{
    private const string CacheKey = "service-profile";

    public async Task<ServiceProfile> GetAsync(CancellationToken cancellationToken = default)
    {
        var profile = await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var organisation = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException("The service has not been set up: the database has no organisation row.");
            var authorities = await db.LocalAuthorities.AsNoTracking()
                .Where(l => l.OrganisationId == organisation.Id && l.IsActive)
                .OrderBy(l => l.Name)
                .Select(l => new LocalAuthoritySummary(l.Id, l.Code, l.Name))
                .ToListAsync(cancellationToken);
            return new ServiceProfile(organisation.Name, organisation.HelplinePhone, organisation.HelplineHours, organisation.ContactEmail, authorities)
            {
                Advocacy = organisation.AdvocacyServiceName is { Length: > 0 } advocacy
                    ? new AdvocacyService(advocacy, organisation.AdvocacyServiceEmail, organisation.AdvocacyServicePhone)
                    : null,
            };
        });
        return profile!;
    }

    /// <summary>Call after a manager changes the service's settings.</summary>
    public void Invalidate() => cache.Remove(CacheKey);
}
