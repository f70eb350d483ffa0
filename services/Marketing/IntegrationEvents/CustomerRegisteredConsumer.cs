using Crm.Contracts.Customers;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.IntegrationEvents;

public sealed class CustomerRegisteredConsumer(MarketingDbContext db) : IConsumer<CustomerRegistered>
{
    public async Task Consume(ConsumeContext<CustomerRegistered> context)
    {
        var registered = context.Message;
        if (await db.Customers.AnyAsync(customer => customer.Id == registered.CustomerId, context.CancellationToken))
        {
            return;
        }

        db.Customers.Add(new Customer
        {
            Id = registered.CustomerId,
            Name = registered.Name,
            Email = registered.Email,
            Industry = registered.Industry,
            Region = registered.Region,
            Source = registered.Source,
            RegisteredAt = registered.OccurredAt,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
