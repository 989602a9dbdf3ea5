using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class CaseMeetingConfiguration : IEntityTypeConfiguration<CaseMeeting>
{
    public void Configure(EntityTypeBuilder<CaseMeeting> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasOne<Application>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ApplicationId);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.WithParty).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.SkippedReason).HasMaxLength(500);
        builder.Property(m => m.Agenda).HasMaxLength(4000);
        builder.HasMany(m => m.People).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.MeetingLink).HasMaxLength(500);
        builder.Property(m => m.VenueName).HasMaxLength(200);
        builder.Property(m => m.VenueAddress).HasMaxLength(500);
        builder.Property(m => m.LaDecisionMaker).HasMaxLength(200);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(m => m.DecisionMakerStaffId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Email).HasMaxLength(320);
        builder.Property(a => a.Phone).HasMaxLength(40);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.ActorSubject).HasMaxLength(255);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Kind).HasMaxLength(64);
        builder.Property(e => e.FromStage).HasMaxLength(32);
        builder.Property(e => e.ToStage).HasMaxLength(32);
        builder.Property(e => e.Note).HasMaxLength(2000);
        builder.HasIndex(e => new { e.ApplicationId, e.At });
    }
}

internal sealed class CorrectionRequestConfiguration : IEntityTypeConfiguration<CorrectionRequest>
{
    public void Configure(EntityTypeBuilder<CorrectionRequest> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.HandledByStaffId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.StepKey).HasMaxLength(64);
        builder.Property(c => c.Question).HasMaxLength(300);
        builder.Property(c => c.Wanted).HasMaxLength(2000);
        builder.Property(c => c.Reply).HasMaxLength(1000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => new { c.ApplicationId, c.Status });
    }
}

internal sealed class CallLogConfiguration : IEntityTypeConfiguration<CallLogEntry>
{
    public void Configure(EntityTypeBuilder<CallLogEntry> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CallerType).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Topic).HasMaxLength(64);
        builder.Property(c => c.Route).HasMaxLength(32);
        builder.Property(c => c.Language).HasMaxLength(100);
        builder.HasOne(c => c.LocalAuthority).WithMany().HasForeignKey(c => c.LocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Staff).WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.StartedAt);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorSubject).HasMaxLength(255);
        builder.Property(a => a.ActorRoles).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.TargetType).HasMaxLength(64);
        builder.Property(a => a.TargetId).HasMaxLength(100);
        builder.Property(a => a.Detail).HasMaxLength(500);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.TargetType, a.TargetId });
    }
}

internal sealed class SatisfactionResponseConfiguration : IEntityTypeConfiguration<SatisfactionResponse>
{
    public void Configure(EntityTypeBuilder<SatisfactionResponse> builder)
    {
        builder.HasKey(r => r.ApplicationId);
        builder.HasOne<Application>().WithOne().HasForeignKey<SatisfactionResponse>(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Comment).HasMaxLength(2000);
        builder.Property(r => r.Language).HasMaxLength(16);
        builder.ToTable(t => t.HasCheckConstraint("CK_SatisfactionResponses_Rating", "\"Rating\" BETWEEN 1 AND 5"));
    }
}

internal sealed class ApplicationInvitationConfiguration : IEntityTypeConfiguration<ApplicationInvitation>
{
    public void Configure(EntityTypeBuilder<ApplicationInvitation> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne<Application>().WithMany().HasForeignKey(i => i.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.CodeHash).HasMaxLength(64);
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.Property(i => i.CreatedBySubject).HasMaxLength(255);
    }
}
