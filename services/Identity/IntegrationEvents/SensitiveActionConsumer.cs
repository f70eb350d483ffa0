using Crm.Contracts.Audit;
using Crm.Identity.Infrastructure;
using Crm.Identity.Model;
using MassTransit;

namespace Crm.Identity.IntegrationEvents;

/// <summary>Files other services' sensitive actions in the audit log; the inbox makes a redelivery a no-op.</summary>
public sealed class SensitiveActionConsumer(IdentityDbContext db) : IConsumer<SensitiveActionPerformed>
{
    public async Task Consume(ConsumeContext<SensitiveActionPerformed> context)
    {
        var action = context.Message;
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = action.OccurredAt,
            Service = action.Service,
            Action = action.Action,
            ActorId = action.ActorId,
            ActorName = action.ActorName,
            Target = action.Target,
            Details = action.Details,
            IpAddress = action.IpAddress,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
