using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class BusinessCalendarEntityTypeConfiguration : IEntityTypeConfiguration<BusinessCalendar>
{
    public void Configure(EntityTypeBuilder<BusinessCalendar> builder)
    {
        builder.ToTable("business_calendars");
        builder.Property(calendar => calendar.Name).HasMaxLength(100);
        builder.Property(calendar => calendar.TimeZoneId).HasMaxLength(64);
        builder.Property(calendar => calendar.Hours).HasJsonColumn();
        builder.Property(calendar => calendar.Holidays).HasColumnType("date[]");
        builder.Property(calendar => calendar.Version).IsRowVersion();
    }
}
