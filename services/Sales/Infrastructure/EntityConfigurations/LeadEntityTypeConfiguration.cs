using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class LeadEntityTypeConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.Property(lead => lead.Id).ValueGeneratedNever();
        builder.Property(lead => lead.Name).HasMaxLength(200);
        builder.Property(lead => lead.Company).HasMaxLength(200);
        builder.Property(lead => lead.Email).HasMaxLength(254);
        builder.Property(lead => lead.Phone).HasMaxLength(50);
        builder.Property(lead => lead.Region).HasMaxLength(100);
        builder.Property(lead => lead.Source).HasMaxLength(100);
        builder.Property(lead => lead.ScoreReasons).HasColumnType("text[]");
        builder.Property(lead => lead.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(lead => lead.DisqualifiedReason).HasMaxLength(500);
        builder.Property(lead => lead.Version).IsRowVersion();
        builder.HasMany(lead => lead.HandOffs).WithOne().HasForeignKey(handOff => handOff.LeadId).OnDelete(DeleteBehavior.Cascade);

        // One lead per marketing contact: two replicas consuming two hand-offs of one person cannot make two leads.
        builder.HasIndex(lead => lead.ContactId).IsUnique();
        builder.HasIndex(lead => lead.OwnerId);
        builder.HasIndex(lead => lead.Email);
        builder.HasIndex(lead => new { lead.CreatedAt, lead.Id });
        builder.HasIndex(lead => new { lead.Name, lead.Id });
        builder.HasIndex(lead => new { lead.Score, lead.Id });
    }
}
