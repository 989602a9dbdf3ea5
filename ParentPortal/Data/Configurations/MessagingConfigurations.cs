using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength);
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength);
        builder.Property(m => m.ToName).HasMaxLength(OutboxMessage.NameMaxLength);
        builder.Property(m => m.ShortText).HasMaxLength(OutboxMessage.ShortTextMaxLength);
        builder.Property(m => m.Reference).HasMaxLength(OutboxMessage.ReferenceMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.CorrelationKey).HasMaxLength(OutboxMessage.CorrelationKeyMaxLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.ClaimedByMaxLength);
        builder.Property(m => m.AttachmentName).HasMaxLength(OutboxMessage.AttachmentNameMaxLength);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(OutboxMessage.AttachmentTypeMaxLength);
        builder.Property(m => m.DealtWithBy).HasMaxLength(OutboxMessage.NameMaxLength);
        builder.Property(m => m.ProviderId).HasMaxLength(64);
        builder.Property(m => m.DealtWithNote).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.HasIndex(m => new { m.GaveUpAt, m.DealtWithAt });
        // The same filter text works on SQLite and PostgreSQL (both quote identifiers with double quotes).
        builder.HasIndex(m => m.CorrelationKey).IsUnique().HasFilter("\"CorrelationKey\" IS NOT NULL");
        builder.HasIndex(m => new { m.SentAt, m.CancelledAt, m.NextAttemptAt });
        // Subject access and erasure find a family's messages by these (DocumentId and InvitationId are never searched by).
        builder.HasIndex(m => m.UserId);
        builder.HasIndex(m => m.ApplicationId);
        builder.HasIndex(m => m.BookingId);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(100);
    }
}
