using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.BuildingBlocks.Messaging;

internal sealed class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(message => message.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
        builder.Property(message => message.OrderingKey).HasColumnName("ordering_key").HasMaxLength(200);
        builder.Property(message => message.MessageType).HasColumnName("message_type").HasMaxLength(500);
        builder.Property(message => message.Payload).HasColumnName("payload").HasColumnType("jsonb");
        builder.Property(message => message.Headers).HasColumnName("headers").HasColumnType("jsonb");
        builder.Property(message => message.CreatedAt).HasColumnName("created_at");
        builder.Property(message => message.DispatchedAt).HasColumnName("dispatched_at");
        builder.Property(message => message.Attempts).HasColumnName("attempts");
        builder.Property(message => message.LastError).HasColumnName("last_error");

        // The dispatcher's only hot query is "pending rows by sequence"; a partial index keeps it small however many
        // dispatched rows the retention period keeps.
        builder.HasIndex(message => message.Sequence)
            .HasDatabaseName("ix_outbox_messages_pending")
            .HasFilter("dispatched_at IS NULL");
        builder.HasIndex(message => message.DispatchedAt).HasDatabaseName("ix_outbox_messages_dispatched_at");
    }
}
