using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class StageEntityTypeConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.ToTable("stages", table => table.HasCheckConstraint("ck_stages_probability", "probability BETWEEN 0 AND 100"));
        builder.Property(stage => stage.Id).ValueGeneratedNever();
        builder.Property(stage => stage.Name).HasMaxLength(100);
        builder.Property(stage => stage.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(stage => stage.ForecastCategory).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(stage => new { stage.PipelineId, stage.Position });
    }
}
