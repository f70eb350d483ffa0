using Crm.BuildingBlocks.Messaging;
using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Infrastructure;

public class SalesDbContext(DbContextOptions<SalesDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<Stage> Stages => Set<Stage>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<OpportunityStageTotal> OpportunityStageTotals => Set<OpportunityStageTotal>();
    public DbSet<OpportunityMonthTotal> OpportunityMonthTotals => Set<OpportunityMonthTotal>();
    public DbSet<StageVisit> StageVisits => Set<StageVisit>();
    public DbSet<LostReason> LostReasons => Set<LostReason>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadAssignmentRule> LeadAssignmentRules => Set<LeadAssignmentRule>();
    public DbSet<LeadAssignmentTurn> LeadAssignmentTurns => Set<LeadAssignmentTurn>();
    public DbSet<SalesTask> Tasks => Set<SalesTask>();
    public DbSet<FollowUpCadence> FollowUpCadences => Set<FollowUpCadence>();
    public DbSet<Quota> Quotas => Set<Quota>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SalesDbContext).Assembly);
    }
}
