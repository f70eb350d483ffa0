using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.BuildingBlocks.UserCopies;

public static class UserCopyMapping
{
    /// <summary>Maps a user copy to a <c>users</c> table with an index on the team, which scoping reads.</summary>
    public static void MapUserCopy<TUser>(this EntityTypeBuilder<TUser> builder) where TUser : UserCopy
    {
        builder.ToTable("users");
        // The id is the identity service's; this copy never makes its own.
        builder.Property(user => user.Id).ValueGeneratedNever();
        builder.Property(user => user.DisplayName).HasMaxLength(200);
        builder.Property(user => user.Roles).HasColumnType("text[]");
        builder.HasIndex(user => user.TeamId);
    }
}
