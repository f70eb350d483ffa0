using Crm.BuildingBlocks.Messaging;
using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Infrastructure;

public class MarketingDbContext(DbContextOptions<MarketingDbContext> options) : MessagingDbContext(options)
{
    /// <summary>Marketing's contacts: its copy of every reachable customer, with consent.</summary>
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Suppression> Suppressions => Set<Suppression>();

    public DbSet<EmailTemplate> Templates => Set<EmailTemplate>();

    public DbSet<Segment> Segments => Set<Segment>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignRecipient> CampaignRecipients => Set<CampaignRecipient>();

    public DbSet<Behaviour> Behaviours => Set<Behaviour>();

    public DbSet<ScoringRule> ScoringRules => Set<ScoringRule>();

    /// <summary>Live segment membership: one row per contact that matches a segment now.</summary>
    public DbSet<SegmentMembership> SegmentMembers => Set<SegmentMembership>();

    public DbSet<Journey> Journeys => Set<Journey>();

    public DbSet<JourneyEnrolment> JourneyEnrolments => Set<JourneyEnrolment>();

    public DbSet<JourneyMessage> JourneyMessages => Set<JourneyMessage>();

    public DbSet<Bounce> Bounces => Set<Bounce>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketingDbContext).Assembly);
    }
}
