using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Subject).HasMaxLength(255);
        builder.HasIndex(u => u.Subject).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Email).HasMaxLength(320);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Subject).HasMaxLength(255);
        builder.HasIndex(s => s.Subject).IsUnique();
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.Mobile).HasMaxLength(20);
        builder.HasOne(s => s.LocalAuthority).WithMany().HasForeignKey(s => s.LocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Roles).WithOne().HasForeignKey(r => r.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffRoleConfiguration : IEntityTypeConfiguration<StaffRole>
{
    public void Configure(EntityTypeBuilder<StaffRole> builder)
    {
        builder.HasKey(r => new { r.StaffMemberId, r.Role });
        builder.Property(r => r.Role).HasMaxLength(32);
    }
}
