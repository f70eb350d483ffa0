using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class LostReasonEntityTypeConfiguration : IEntityTypeConfiguration<LostReason>
{
    public void Configure(EntityTypeBuilder<LostReason> builder)
    {
        builder.ToTable("lost_reasons");
        builder.Property(reason => reason.Id).ValueGeneratedNever();
        builder.Property(reason => reason.Name).HasMaxLength(100);
        builder.HasIndex(reason => reason.Name).IsUnique();
    }
}
