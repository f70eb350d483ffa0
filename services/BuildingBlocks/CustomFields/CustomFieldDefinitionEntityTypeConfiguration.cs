using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>Applied by each service that offers custom fields: <c>modelBuilder.ApplyConfiguration(new CustomFieldDefinitionEntityTypeConfiguration())</c>.</summary>
public sealed class CustomFieldDefinitionEntityTypeConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("custom_field_definitions");
        builder.Property(field => field.Key).HasMaxLength(CustomFieldRules.MaxKeyLength);
        builder.Property(field => field.Label).HasMaxLength(CustomFieldRules.MaxLabelLength);
        builder.Property(field => field.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(field => field.Options).HasColumnType("text[]");
        builder.Property(field => field.Version).IsRowVersion();
        builder.HasIndex(field => field.Key).IsUnique();
    }
}
