using Crm.Identity.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Identity.Infrastructure.EntityConfigurations;

public sealed class CrmUserEntityTypeConfiguration : IEntityTypeConfiguration<CrmUser>
{
    public void Configure(EntityTypeBuilder<CrmUser> builder)
    {
        builder.Property(user => user.DisplayName).HasMaxLength(200);
        builder.HasOne<Team>().WithMany().HasForeignKey(user => user.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
