using Crm.BuildingBlocks.CustomerCopies;
using Crm.Contracts.Customers;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.IntegrationEvents;

/// <summary>Support keeps how to reach each customer; a merge moves the secondary's tickets.</summary>
public sealed class CustomerCopyConsumer(SupportDbContext db) : CustomerCopyConsumer<SupportDbContext, Customer>(db)
{
    protected override Customer NewCopy(Guid id) => new() { Id = id, Name = "" };

    protected override void Copy(Customer copy, CustomerRegistered registered)
    {
        copy.RegisteredAt = registered.OccurredAt;
        Copy(copy, registered.Name, registered.Email, registered.Phone);
    }

    protected override void Copy(Customer copy, CustomerUpdated updated) => Copy(copy, updated.Name, updated.Email, updated.Phone);

    protected override void Anonymise(Customer copy) => Copy(copy, ErasedName, email: null, phone: null);

    protected override Task RepointAsync(Guid from, Guid to, CancellationToken cancellationToken) =>
        Db.Tickets.Where(ticket => ticket.CustomerId == from)
            .ExecuteUpdateAsync(set => set.SetProperty(ticket => ticket.CustomerId, to), cancellationToken);

    private static void Copy(Customer copy, string name, string? email, string? phone)
    {
        copy.Name = name;
        copy.Email = email;
        copy.Phone = phone;
    }
}
