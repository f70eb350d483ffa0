using Crm.BuildingBlocks.Persistence;
using Crm.Contracts.Identity;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using MassTransit;

namespace Crm.Sales.IntegrationEvents;

/// <summary>
/// Keeps this service's copy of the user directory, which scopes a manager's view to the team. Each event carries
/// the user's whole state and revision; one older than the copy is ignored, so redelivery cannot roll it back.
/// </summary>
public sealed class UserCopyConsumer(SalesDbContext db) : IConsumer<UserChanged>
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
