using Crm.BuildingBlocks.Persistence;
using Crm.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.UserCopies;

/// <summary>
/// Keeps a service's copy of the user directory. Each event carries the user's whole state and revision; an event not
/// newer than the copy is ignored, so redelivered or reordered events cannot roll it back.
/// </summary>
public abstract class UserCopyConsumer<TDbContext, TUser>(TDbContext db) : IConsumer<UserChanged>
    where TDbContext : DbContext
    where TUser : UserCopy, new()
{
    public async Task Consume(ConsumeContext<UserChanged> context)
    {
        var changed = context.Message;
        if (await db.Set<TUser>().ToOverwriteAsync(changed.UserId, changed.Revision,
                () => new TUser { Id = changed.UserId }, context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.Revision = changed.Revision;
        copy.DisplayName = changed.DisplayName;
        copy.TeamId = changed.TeamId;
        copy.Roles = [.. changed.Roles];
        copy.IsActive = changed.IsActive;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
