using System.Text.Json;
using Crm.Customers.Apis;
using Crm.Customers.Model;
using Crm.Customers.Model.Valuation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class CustomerValueEntityTypeConfiguration : IEntityTypeConfiguration<CustomerValue>
{
    public void Configure(EntityTypeBuilder<CustomerValue> builder)
    {
        builder.ToTable("customer_values");
        builder.HasKey(value => value.CustomerId);
        builder.Property(value => value.Tier).HasConversion<string>().HasMaxLength(16);
        builder.Property(value => value.Activity).HasConversion<string>().HasMaxLength(16);
        builder.Property(value => value.Lifecycle).HasConversion<string>().HasMaxLength(16);
        builder.Property(value => value.TotalSpend).HasPrecision(18, 2);
        builder.Property(value => value.LifetimeValue).HasPrecision(18, 2);
        builder.Property(value => value.ChurnReasons).HasColumnType("text[]");
        builder.Property(value => value.RatingBasis).HasConversion<string>().HasMaxLength(16);
        builder.Property(value => value.RatedValue).HasPrecision(18, 2);
        builder.Property(value => value.Grade).HasMaxLength(RatingRulesValidator.MaxGradeLength);
        builder.HasOne<Customer>().WithOne(customer => customer.Value).HasForeignKey<CustomerValue>(value => value.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
        // A list filtered by tier, lifecycle or grade reads these in order: newest first from the start, by name after a
        // join that stays small for the rare values and walks the name index for the common ones.
        builder.HasIndex(value => new { value.Tier, value.CustomerCreatedAt, value.CustomerId });
        builder.HasIndex(value => new { value.Lifecycle, value.CustomerCreatedAt, value.CustomerId });
        builder.HasIndex(value => new { value.Grade, value.CustomerCreatedAt, value.CustomerId });
        builder.HasIndex(value => value.ChurnRisk);
    }
}

public sealed class OpenOpportunityEntityTypeConfiguration : IEntityTypeConfiguration<OpenOpportunity>
{
    public void Configure(EntityTypeBuilder<OpenOpportunity> builder)
    {
        builder.ToTable("open_opportunities");
        builder.HasKey(opportunity => opportunity.OpportunityId);
        builder.Property(opportunity => opportunity.OpportunityId).ValueGeneratedNever();
        builder.Property(opportunity => opportunity.Amount).HasPrecision(18, 2);
        builder.Property(opportunity => opportunity.Currency).HasMaxLength(3);
        builder.HasIndex(opportunity => opportunity.CustomerId);
    }
}

public sealed class LeadScoreEntityTypeConfiguration : IEntityTypeConfiguration<LeadScore>
{
    public void Configure(EntityTypeBuilder<LeadScore> builder)
    {
        builder.ToTable("lead_scores");
        builder.HasKey(score => score.CustomerId);
        builder.Property(score => score.CustomerId).ValueGeneratedNever();
    }
}

public sealed class ValueRulesRecordEntityTypeConfiguration : IEntityTypeConfiguration<ValueRulesRecord>
{
    public void Configure(EntityTypeBuilder<ValueRulesRecord> builder)
    {
        builder.ToTable("value_rules");
        builder.Property(record => record.Id).ValueGeneratedNever();
        builder.Property(record => record.Rules).HasColumnType("jsonb").HasConversion(
            rules => JsonSerializer.Serialize(rules, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<ValueRules>(json, JsonSerializerOptions.Web)!);
        builder.Property(record => record.UpdatedBy).HasMaxLength(100);
        builder.Property(record => record.Version).IsRowVersion();
    }
}

public sealed class ValueSweepEntityTypeConfiguration : IEntityTypeConfiguration<ValueSweep>
{
    public void Configure(EntityTypeBuilder<ValueSweep> builder)
    {
        builder.ToTable("value_sweeps");
        builder.Property(sweep => sweep.Id).ValueGeneratedNever();
        builder.Property(sweep => sweep.Reason).HasMaxLength(200);
        builder.Property(sweep => sweep.LeaseHolder).HasMaxLength(200);
        builder.Ignore(sweep => sweep.IsDue);
        builder.Property(sweep => sweep.Version).IsRowVersion();
        builder.HasData(new ValueSweep());
    }
}
