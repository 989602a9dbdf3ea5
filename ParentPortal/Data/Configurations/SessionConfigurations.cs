using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class InformationSessionConfiguration : IEntityTypeConfiguration<InformationSession>
{
    public void Configure(EntityTypeBuilder<InformationSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.MeetingLink).HasMaxLength(500);
        builder.Property(s => s.VenueName).HasMaxLength(200);
        builder.Property(s => s.VenueAddress).HasMaxLength(500);
        builder.Property(s => s.AccessInformation).HasMaxLength(1000);
        builder.Property(s => s.Language).HasMaxLength(100);
        builder.Property(s => s.CancellationReason).HasMaxLength(500);
        builder.Property(s => s.CalendarUid).HasMaxLength(100);
        builder.HasIndex(s => s.CalendarUid).IsUnique();
        builder.HasIndex(s => new { s.Status, s.StartsAt });
        builder.HasOne(s => s.LocalAuthority).WithMany().HasForeignKey(s => s.LocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Host).WithMany().HasForeignKey(s => s.HostId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_InformationSessions_Seats", "\"SeatsTaken\" >= 0 AND \"SeatsTaken\" <= \"Capacity\""));
    }
}

internal sealed class SessionBookingConfiguration : IEntityTypeConfiguration<SessionBooking>
{
    public void Configure(EntityTypeBuilder<SessionBooking> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Choice).HasConversion<string>().HasMaxLength(32);
        builder.HasOne(b => b.Session).WithMany().HasForeignKey(b => b.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(b => b.User).WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(b => b.Application).WithMany().HasForeignKey(b => b.ApplicationId).OnDelete(DeleteBehavior.SetNull);
        // One live place (or waiting-list entry) per person per session, enforced by the database itself.
        builder.HasIndex(b => new { b.SessionId, b.UserId }).IsUnique()
            .HasFilter("\"Status\" IN ('Waiting', 'Offered', 'Booked')");
        builder.HasIndex(b => new { b.SessionId, b.Status, b.CreatedAt });
    }
}
