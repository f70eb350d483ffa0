using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class SalesTaskEntityTypeConfiguration : IEntityTypeConfiguration<SalesTask>
{
    public void Configure(EntityTypeBuilder<SalesTask> builder)
    {
        builder.ToTable("tasks");
        builder.Property(task => task.Id).ValueGeneratedNever();
        builder.Property(task => task.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(task => task.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(task => task.Title).HasMaxLength(200);
        builder.Property(task => task.Notes).HasMaxLength(4000);
        builder.Property(task => task.Version).IsRowVersion();
        builder.HasIndex(task => new { task.AssigneeId, task.Status, task.DueAt });
        // At most one open follow-up per customer: re-planning moves it, never adds a second.
        builder.HasIndex(task => task.CustomerId).IsUnique().HasFilter("is_follow_up AND status = 'Open'")
            .HasDatabaseName("ux_tasks_open_follow_up");
        // The due-notification worker reads open tasks by due time.
        builder.HasIndex(task => task.DueAt).HasFilter("status = 'Open'").HasDatabaseName("ix_tasks_open_due_at");
    }
}
