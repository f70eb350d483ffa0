using Crm.BuildingBlocks.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

public class TestDbContext(DbContextOptions<TestDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<ReceivedMessage> ReceivedMessages => Set<ReceivedMessage>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Note>().ToTable("notes");
        modelBuilder.Entity<ReceivedMessage>().ToTable("received_messages");
        modelBuilder.Entity<ReceivedMessage>().Property(message => message.Consumer).HasMaxLength(100);
        modelBuilder.Entity<ReceivedMessage>().Property(message => message.Key).HasMaxLength(100);
    }
}
