using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class LeadHandOffEntityTypeConfiguration : IEntityTypeConfiguration<LeadHandOff>
{
    public void Configure(EntityTypeBuilder<LeadHandOff> builder)
    {
        builder.ToTable("lead_hand_offs");
        builder.Property(handOff => handOff.Reasons).HasColumnType("text[]");
        builder.HasIndex(handOff => new { handOff.LeadId, handOff.OccurredAt });
    }
}
