using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class InteractionEntityTypeConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions");
        builder.Property(interaction => interaction.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(interaction => interaction.Summary).HasMaxLength(4000);
        builder.HasOne<Customer>().WithMany().HasForeignKey(interaction => interaction.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(interaction => new { interaction.CustomerId, interaction.OccurredAt });
    }
}
