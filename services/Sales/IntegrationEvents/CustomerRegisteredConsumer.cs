using Crm.Contracts.Customers;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.IntegrationEvents;

public sealed class CustomerRegisteredConsumer(SalesDbContext db) : IConsumer<CustomerRegistered>
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
            Kind = registered.Kind,
            Region = registered.Region,
            RegisteredAt = registered.OccurredAt,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
