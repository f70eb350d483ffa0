using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class SuppressionEntityTypeConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> builder)
    {
        builder.ToTable("suppressions");
        builder.HasKey(suppression => suppression.Email);
        builder.Property(suppression => suppression.Email).HasMaxLength(320);
        builder.Property(suppression => suppression.Reason).HasMaxLength(500);
    }
}
