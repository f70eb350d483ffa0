using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class TicketCommentEntityTypeConfiguration : IEntityTypeConfiguration<TicketComment>
{
    public void Configure(EntityTypeBuilder<TicketComment> builder)
    {
        builder.ToTable("ticket_comments");
        builder.Property(comment => comment.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(comment => comment.Body).HasMaxLength(10_000);
        builder.Property(comment => comment.AuthorName).HasMaxLength(200);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(comment => comment.TicketId).OnDelete(DeleteBehavior.Cascade);
        // A ticket's thread in order, read from the index.
        builder.HasIndex(comment => new { comment.TicketId, comment.CreatedAt, comment.Id });
    }
}
