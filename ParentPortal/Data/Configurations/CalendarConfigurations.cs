using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data.Configurations;

internal sealed class BankHolidayEntryConfiguration : IEntityTypeConfiguration<BankHolidayEntry>
{
    public void Configure(EntityTypeBuilder<BankHolidayEntry> builder)
    {
        builder.ToTable("BankHolidays");
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Title).HasMaxLength(200);
    }
}

internal sealed class BankHolidayImportConfiguration : IEntityTypeConfiguration<BankHolidayImport>
{
    public void Configure(EntityTypeBuilder<BankHolidayImport> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.ImportedBy).HasMaxLength(255);
        builder.Property(i => i.Source).HasMaxLength(200);
        builder.HasIndex(i => i.ImportedAt);
    }
}
