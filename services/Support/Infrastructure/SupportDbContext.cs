using Crm.BuildingBlocks.Messaging;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Infrastructure;

public class SupportDbContext(DbContextOptions<SupportDbContext> options) : MessagingDbContext(options)
{
    public DbSet<AssignmentRule> AssignmentRules => Set<AssignmentRule>();

    public DbSet<CarePlan> CarePlans => Set<CarePlan>();

    public DbSet<BusinessCalendar> BusinessCalendars => Set<BusinessCalendar>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<SatisfactionSurvey> SatisfactionSurveys => Set<SatisfactionSurvey>();

    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();

    public DbSet<SlaReplan> SlaReplans => Set<SlaReplan>();

    public DbSet<DurableTimer> Timers => Set<DurableTimer>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<TicketCategory> TicketCategories => Set<TicketCategory>();

    public DbSet<TicketComment> TicketComments => Set<TicketComment>();

    public DbSet<TicketFigures> TicketFigures => Set<TicketFigures>();

    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SupportDbContext).Assembly);
    }
}
