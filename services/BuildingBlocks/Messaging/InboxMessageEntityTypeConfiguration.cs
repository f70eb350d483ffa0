using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.BuildingBlocks.Messaging;

internal sealed class InboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(message => new { message.MessageId, message.Consumer });
        builder.Property(message => message.MessageId).HasColumnName("message_id");
        builder.Property(message => message.Consumer).HasColumnName("consumer").HasMaxLength(256);
        builder.Property(message => message.ReceivedAt).HasColumnName("received_at");
        builder.HasIndex(message => message.ReceivedAt).HasDatabaseName("ix_inbox_messages_received_at");
    }
}
