using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.HelplinePhone).HasMaxLength(40);
        builder.Property(o => o.HelplineHours).HasMaxLength(200);
        builder.Property(o => o.ContactEmail).HasMaxLength(320);
        builder.Property(o => o.AdvocacyServiceName).HasMaxLength(200);
        builder.Property(o => o.AdvocacyServiceEmail).HasMaxLength(320);
        builder.Property(o => o.AdvocacyServicePhone).HasMaxLength(40);
        builder.HasMany(o => o.LocalAuthorities).WithOne(l => l.Organisation).HasForeignKey(l => l.OrganisationId);
    }
}

internal sealed class LocalAuthorityConfiguration : IEntityTypeConfiguration<LocalAuthority>
{
    public void Configure(EntityTypeBuilder<LocalAuthority> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Code).HasMaxLength(40);
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.SenTeamName).HasMaxLength(200);
        builder.Property(l => l.SenTeamEmail).HasMaxLength(254);
        builder.Property(l => l.SenTeamPhone).HasMaxLength(40);
        builder.Property(l => l.HealthContactName).HasMaxLength(200);
        builder.Property(l => l.HealthContactEmail).HasMaxLength(254);
    }
}
