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

    public DbSet<PortalUser> Users => Set<PortalUser>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<InformationSession> InformationSessions => Set<InformationSession>();

    public DbSet<SessionBooking> SessionBookings => Set<SessionBooking>();

    public DbSet<BankHolidayEntry> BankHolidays => Set<BankHolidayEntry>();

    public DbSet<BankHolidayImport> BankHolidayImports => Set<BankHolidayImport>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, t => t.Namespace == typeof(PortalDbContext).Namespace + ".Configurations");
    }
}
