using Crm.BuildingBlocks.CustomFields;
using Crm.BuildingBlocks.Messaging;
using Crm.Customers.Model;
using Crm.Customers.Model.Imports;
using Crm.Customers.Model.Valuation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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

    /// <summary>
    /// The rare-filter probe (CustomerQueries.FewMatchesAsync) reads up to a cap of ids in whatever order the index gives;
    /// ordering them would sort every match of a common value, so the warning about a limit without an order is off here.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
        modelBuilder.ApplyConfiguration(new CustomFieldDefinitionEntityTypeConfiguration());
    }
}
