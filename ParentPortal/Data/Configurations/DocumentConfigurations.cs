using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder)
    {
        builder.HasKey(d => d.Id);
        builder.HasOne<Application>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Subtype).HasMaxLength(64);
        builder.Property(d => d.Number).HasMaxLength(64);
        builder.Property(d => d.VerificationCode).HasMaxLength(32);
        builder.HasIndex(d => d.VerificationCode).IsUnique();
        builder.Property(d => d.IssuedBySubject).HasMaxLength(255);
        builder.Property(d => d.IssuingOrganisation).HasMaxLength(200);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.AgreementContentHash).HasMaxLength(64);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.RevokedBySubject).HasMaxLength(255);
        builder.Property(d => d.RevocationReason).HasMaxLength(500);
        builder.HasIndex(d => d.ApplicationId);
    }
}

internal sealed class AgreementDraftConfiguration : IEntityTypeConfiguration<AgreementDraft>
{
    public void Configure(EntityTypeBuilder<AgreementDraft> builder)
    {
        builder.HasKey(d => d.ApplicationId);
        builder.HasOne<Application>().WithOne().HasForeignKey<AgreementDraft>(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class AgreementSignatureConfiguration : IEntityTypeConfiguration<AgreementSignature>
{
    public void Configure(EntityTypeBuilder<AgreementSignature> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Application>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.SignerSubject).HasMaxLength(255);
        builder.Property(s => s.SignerName).HasMaxLength(200);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.RecordedBy).HasMaxLength(255);
        builder.Property(s => s.PaperCopyKept).HasMaxLength(300);
        // One live signature per party role for each version of the content.
        builder.HasIndex(s => new { s.ApplicationId, s.Role, s.ContentHash }).IsUnique().HasFilter("\"VoidedAt\" IS NULL");
    }
}

internal sealed class MeetingRecordDraftConfiguration : IEntityTypeConfiguration<MeetingRecordDraft>
{
    public void Configure(EntityTypeBuilder<MeetingRecordDraft> builder)
    {
        builder.HasKey(d => d.ApplicationId);
        builder.HasOne<Application>().WithOne().HasForeignKey<MeetingRecordDraft>(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseActionPointConfiguration : IEntityTypeConfiguration<CaseActionPoint>
{
    public void Configure(EntityTypeBuilder<CaseActionPoint> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.What).HasMaxLength(1000);
        builder.Property(a => a.Owner).HasMaxLength(200);
        builder.Property(a => a.DoneBy).HasMaxLength(200);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaseDocument>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.OwnerStaffId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.OwnerStaffId, a.DoneOn });
        builder.HasIndex(a => a.ApplicationId);
    }
}

internal sealed class CaseUploadConfiguration : IEntityTypeConfiguration<CaseUpload>
{
    public void Configure(EntityTypeBuilder<CaseUpload> builder)
    {
        builder.HasKey(u => u.Id);
        builder.HasOne<Application>().WithMany().HasForeignKey(u => u.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.FileName).HasMaxLength(200);
        builder.Property(u => u.ContentType).HasMaxLength(100);
        builder.Property(u => u.ContentHash).HasMaxLength(64);
        builder.Property(u => u.UploadedBySubject).HasMaxLength(255);
        builder.Property(u => u.UploadedByName).HasMaxLength(200);
        builder.HasIndex(u => u.ApplicationId);
    }
}
