using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class TicketEntityTypeConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("tickets");
        builder.Property(ticket => ticket.Subject).HasMaxLength(200);
        builder.Property(ticket => ticket.Description).HasMaxLength(10_000);
        builder.Property(ticket => ticket.Category).HasMaxLength(TicketCategory.MaxKeyLength);
        builder.HasOne<TicketCategory>().WithMany().HasForeignKey(ticket => ticket.Category).OnDelete(DeleteBehavior.Restrict);
        builder.Property(ticket => ticket.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(ticket => ticket.Status).HasConversion<string>().HasMaxLength(16);
        // Stored as its number, so ORDER BY priority is the order of urgency.
        builder.Property(ticket => ticket.Priority).HasConversion<int>();
        builder.Property(ticket => ticket.Version).IsRowVersion();

        // An agent's queue: their team's or their own tickets in a status.
        builder.HasIndex(ticket => new { ticket.TeamId, ticket.Status });
        builder.HasIndex(ticket => new { ticket.AssigneeId, ticket.Status });
        builder.HasIndex(ticket => ticket.CustomerId);
        builder.HasIndex(ticket => ticket.ContactId);
        builder.HasIndex(ticket => ticket.Tags).HasMethod("gin");
        // Keyset paging in each sort order reads an index, not a sort.
        builder.HasIndex(ticket => new { ticket.CreatedAt, ticket.Id });
        builder.HasIndex(ticket => new { ticket.UpdatedAt, ticket.Id });
        builder.HasIndex(ticket => new { ticket.Priority, ticket.Id });
        // Quality metrics (MetricsQueries): the backlog from a partial index that also answers its filters; the days
        // around a period's whole days by creation (the keyset index above) or resolution time; an agent's figures
        // from that agent's tickets. Whole days and months come from ticket_figures.
        builder.HasIndex(ticket => new { ticket.Status, ticket.Priority }, "ix_tickets_backlog")
            .HasFilter("status IN ('New', 'Open', 'Pending')")
            .IncludeProperties(ticket => new { ticket.Category, ticket.TeamId, ticket.AssigneeId });
        builder.HasIndex(ticket => ticket.ResolvedAt);
        builder.HasIndex(ticket => new { ticket.AssigneeId, ticket.CreatedAt });
        builder.HasIndex(ticket => new { ticket.AssigneeId, ticket.ResolvedAt });
        builder.HasOne<SlaPolicy>().WithMany().HasForeignKey(ticket => ticket.SlaPolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}
