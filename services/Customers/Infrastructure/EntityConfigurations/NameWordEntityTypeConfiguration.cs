using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class NameWordEntityTypeConfiguration : IEntityTypeConfiguration<NameWord>
{
    public void Configure(EntityTypeBuilder<NameWord> builder)
    {
        builder.ToTable("customer_name_words");
        builder.HasKey(word => word.Word);
        // Finds the dictionary's words close to a typed one (pg_trgm similarity); the dictionary is small next to the customers.
        builder.HasIndex(word => word.Word).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customer_name_words_trgm");
    }
}
