using Crm.BuildingBlocks.CustomFields;
using Crm.BuildingBlocks.Messaging;
using Crm.Customers.Model;
using Crm.Customers.Model.Imports;
using Crm.Customers.Model.Valuation;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure;

public class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : MessagingDbContext(options), ICustomFieldsDbContext
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Purchase> Purchases => Set<Purchase>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<Feedback> Feedback => Set<Feedback>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    public DbSet<NameWord> NameWords => Set<NameWord>();

    public DbSet<CustomerValue> CustomerValues => Set<CustomerValue>();

    public DbSet<ValueRulesRecord> ValueRules => Set<ValueRulesRecord>();

    public DbSet<ValueSweep> ValueSweeps => Set<ValueSweep>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();

    public DbSet<ImportChange> ImportChanges => Set<ImportChange>();

    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();

    public DbSet<CustomFieldDefinition> CustomFieldDefinitions => Set<CustomFieldDefinition>();

    public DbSet<OpenOpportunity> OpenOpportunities => Set<OpenOpportunity>();

    public DbSet<LeadScore> LeadScores => Set<LeadScore>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
        modelBuilder.ApplyConfiguration(new CustomFieldDefinitionEntityTypeConfiguration());
    }
}
