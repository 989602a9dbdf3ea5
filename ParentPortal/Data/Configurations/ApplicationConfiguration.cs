using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Route).HasMaxLength(32);
        builder.Property(a => a.Reference).HasMaxLength(16);
        builder.Property(a => a.Language).HasMaxLength(16);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.CreatedBySubject).HasMaxLength(255);
        // "Families you referred" on every referrer's "Your applications" page finds their referrals by it.
        builder.HasIndex(a => a.CreatedBySubject);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.MediationChoice).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.RequestedChoice).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.ConsentShare).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.AskFirstAnsweredHow).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.LocalAuthorityView).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CertificateTrigger).HasConversion<string>().HasMaxLength(48);
        builder.Property(a => a.AppealStatus).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.ClosingNote).HasMaxLength(2000);
        builder.Property(a => a.PhoneDetailsJson).HasMaxLength(4000);
        builder.Property(a => a.UnavailableDates).HasMaxLength(1000);
        builder.HasOne(a => a.AssignedStaff).WithMany().HasForeignKey(a => a.AssignedStaffId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Adviser).WithMany().HasForeignKey(a => a.AdviserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.IndependentSupporter).WithMany().HasForeignKey(a => a.IndependentSupporterId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.AdvocacyReferredHow).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(a => a.Area).WithMany().HasForeignKey(a => a.AreaId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.Status, a.Stage });
        builder.HasIndex(a => a.LocalAuthorityId);
        builder.Property(a => a.SearchText).HasMaxLength(1000);
        builder.Property(a => a.ShareCodeHash).HasMaxLength(64);
        builder.HasIndex(a => a.ShareCodeHash).IsUnique();
        builder.HasOne(a => a.SharedWithStaff).WithMany().HasForeignKey(a => a.SharedWithStaffId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.LocalAuthority).WithMany().HasForeignKey(a => a.LocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.OwnerId, a.Status });
        builder.HasIndex(a => new { a.Status, a.UpdatedAt });
    }
}
