using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class PipelineEntityTypeConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> builder)
    {
        builder.ToTable("pipelines");
        builder.Property(pipeline => pipeline.Id).ValueGeneratedNever();
        builder.Property(pipeline => pipeline.Name).HasMaxLength(100);
        builder.Property(pipeline => pipeline.Version).IsRowVersion();
        builder.HasMany(pipeline => pipeline.Stages).WithOne().HasForeignKey(stage => stage.PipelineId).OnDelete(DeleteBehavior.Cascade);
        // At most one default pipeline.
        builder.HasIndex(pipeline => pipeline.IsDefault).IsUnique().HasFilter("is_default");
    }
}
