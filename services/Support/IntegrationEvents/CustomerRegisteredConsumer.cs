using Crm.Contracts.Customers;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.IntegrationEvents;

public sealed class CustomerRegisteredConsumer(SupportDbContext db) : IConsumer<CustomerRegistered>
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
            Phone = registered.Phone,
            RegisteredAt = registered.OccurredAt,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
