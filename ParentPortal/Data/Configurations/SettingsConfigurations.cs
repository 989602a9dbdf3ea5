using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.HelplinePhone).HasMaxLength(40);
        builder.HasOne(a => a.LocalAuthority).WithMany().HasForeignKey(a => a.LocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.LocalAuthorityId, a.Name }).IsUnique();
    }
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.HasKey(v => v.Id);
        // The same limits as the session's own venue fields, which a saved venue fills in.
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.Address).HasMaxLength(500);
        builder.Property(v => v.AccessInformation).HasMaxLength(1000);
        builder.HasOne(v => v.LocalAuthority).WithMany().HasForeignKey(v => v.LocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndependentSupporterConfiguration : IEntityTypeConfiguration<IndependentSupporter>
{
    public void Configure(EntityTypeBuilder<IndependentSupporter> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.Phone).HasMaxLength(40);
        builder.Property(s => s.Notes).HasMaxLength(1000);
    }
}

internal sealed class SessionTemplateConfiguration : IEntityTypeConfiguration<SessionTemplate>
{
    public void Configure(EntityTypeBuilder<SessionTemplate> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.DefaultTitle).HasMaxLength(200);
        builder.Property(t => t.DefaultDescription).HasMaxLength(2000);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_SessionTemplates_Duration", "\"DefaultDurationMinutes\" BETWEEN 15 AND 720");
            t.HasCheckConstraint("CK_SessionTemplates_Capacity", "\"DefaultCapacity\" BETWEEN 1 AND 500");
        });
    }
}
