using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(customer => customer.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(customer => customer.Name).HasMaxLength(200);
        builder.Property(customer => customer.Email).HasMaxLength(254);
        builder.Property(customer => customer.Phone).HasMaxLength(32);
        builder.Property(customer => customer.Industry).HasMaxLength(100);
        builder.Property(customer => customer.Region).HasMaxLength(100);
        builder.Property(customer => customer.Source).HasMaxLength(100);
        builder.Property(customer => customer.Tags).HasColumnType("text[]");
        builder.Property(customer => customer.CustomFields).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        // Serves equality on choices and numbers (containment) and "has a value" checks.
        builder.HasIndex(customer => customer.CustomFields).HasMethod("gin");
        builder.Property(customer => customer.Version).IsRowVersion();
        builder.ComplexProperty(customer => customer.Address, address =>
        {
            address.Property(a => a.Street).HasMaxLength(200);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.State).HasMaxLength(100);
            address.Property(a => a.Country).HasMaxLength(2);
        });
        builder.HasOne<Customer>().WithMany().HasForeignKey(customer => customer.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(customer => customer.Email);
        builder.HasIndex(customer => customer.OwnerId);
        builder.HasIndex(customer => customer.CompanyId);
        // Keyset paging in the default order (name, then id) reads an index, not a sort.
        builder.HasIndex(customer => new { customer.Name, customer.Id });
        builder.HasIndex(customer => new { customer.CreatedAt, customer.Id });
        builder.HasIndex(customer => customer.Tags).HasMethod("gin");
        builder.Property(customer => customer.PhoneDigits).HasMaxLength(32)
            .HasComputedColumnSql("regexp_replace(phone, '[^0-9]', '', 'g')", stored: true);
        // The duplicate check and the search's exact and starts-with ranks read lower(name) and lower(email) btrees, created
        // in the Imports migration because the model cannot declare an index on an expression. Under the C locale, which
        // the clusters run with, they serve LIKE 'text%' too (SearchPrefixFromPlainBtrees).
        // Trigram indexes serve both "contains" (ILIKE '%q%') and "looks like" (word similarity) searches.
        builder.HasIndex(customer => customer.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customers_name_trgm");
        builder.HasIndex(customer => customer.Email).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customers_email_trgm");
        builder.HasIndex(customer => customer.PhoneDigits).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customers_phone_digits_trgm");
        // The search's close spellings look customers up by corrected words (array containment), whose posting lists are
        // short, instead of by word similarity over the name's trigrams, whose lists are long. customer_name_words() is
        // created by the SearchNameWords migration; a trigger there keeps the dictionary of words (NameWord) in step.
        builder.Property(customer => customer.NameWords).HasColumnType("text[]")
            .HasComputedColumnSql("customer_name_words(name)", stored: true);
        builder.HasIndex(customer => customer.NameWords).HasMethod("gin");
    }
}
