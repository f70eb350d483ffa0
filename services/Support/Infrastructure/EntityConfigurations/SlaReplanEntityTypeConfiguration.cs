using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class SlaReplanEntityTypeConfiguration : IEntityTypeConfiguration<SlaReplan>
{
    public void Configure(EntityTypeBuilder<SlaReplan> builder)
    {
        builder.ToTable("sla_replans");
        builder.Ignore(replan => replan.State);
        // The worker takes the oldest unfinished re-plan; a change looks for its calendar's or policy's unfinished one.
        builder.HasIndex(replan => replan.RequestedAt).HasFilter("completed_at IS NULL");
        builder.HasIndex(replan => replan.CalendarId);
        builder.HasIndex(replan => replan.PolicyId);
    }
}
