using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data;

/// <summary>
/// The portal's data. Each database provider has its own subclass so that each keeps its own
/// migrations (EF Core's documented pattern for several providers); code depends on this base type only.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<PortalUser> Users => Set<PortalUser>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<CaseMeeting> CaseMeetings => Set<CaseMeeting>();
    public DbSet<MeetingAttendee> MeetingAttendees => Set<MeetingAttendee>();

    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();

    public DbSet<CorrectionRequest> CorrectionRequests => Set<CorrectionRequest>();

    public DbSet<CallLogEntry> CallLog => Set<CallLogEntry>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SatisfactionResponse> SatisfactionResponses => Set<SatisfactionResponse>();

    public DbSet<ApplicationInvitation> ApplicationInvitations => Set<ApplicationInvitation>();

    public DbSet<CaseDocument> CaseDocuments => Set<CaseDocument>();

    public DbSet<AgreementDraft> AgreementDrafts => Set<AgreementDraft>();

    public DbSet<AgreementSignature> AgreementSignatures => Set<AgreementSignature>();

    public DbSet<MeetingRecordDraft> MeetingRecordDrafts => Set<MeetingRecordDraft>();

    public DbSet<CaseActionPoint> CaseActionPoints => Set<CaseActionPoint>();

    public DbSet<CaseUpload> CaseUploads => Set<CaseUpload>();

    public DbSet<InformationSession> InformationSessions => Set<InformationSession>();

    public DbSet<SessionBooking> SessionBookings => Set<SessionBooking>();

    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<IndependentSupporter> IndependentSupporters => Set<IndependentSupporter>();

    public DbSet<SessionTemplate> SessionTemplates => Set<SessionTemplate>();

    public DbSet<BankHolidayEntry> BankHolidays => Set<BankHolidayEntry>();

    public DbSet<BankHolidayImport> BankHolidayImports => Set<BankHolidayImport>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseEditsToTheAuditLog();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseEditsToTheAuditLog();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, t => t.Namespace == typeof(PortalDbContext).Namespace + ".Configurations");
    }

    /// <summary>The audit log and case history are append-only: nothing in the app may change or remove an entry.</summary>
    private void RefuseEditsToTheAuditLog()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            var isAudit = entry.Entity is AuditEntry;
            if ((isAudit && entry.State is EntityState.Modified or EntityState.Deleted) || (entry.Entity is CaseEvent && entry.State == EntityState.Modified))
            {
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} rows are append-only and cannot be changed.");
            }
        }
    }
}
