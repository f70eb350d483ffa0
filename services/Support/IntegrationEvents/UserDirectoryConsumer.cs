using Crm.BuildingBlocks.Persistence;
using Crm.Contracts.Identity;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using MassTransit;

namespace Crm.Support.IntegrationEvents;

/// <summary>
/// Keeps this service's copy of the user directory. Each event carries the user's whole state and revision; an
/// event not newer than the copy is ignored, so redelivered or reordered events cannot roll it back.
/// </summary>
public sealed class UserDirectoryConsumer(SupportDbContext db) : IConsumer<UserChanged>
{
    public async Task Consume(ConsumeContext<UserChanged> context)
    {
        var changed = context.Message;
        if (await db.Users.ToOverwriteAsync(changed.UserId, changed.Revision, () => new User { Id = changed.UserId, DisplayName = "" },
                context.CancellationToken) is not { } copy)
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
