using Crm.BuildingBlocks.CustomerCopies;
using Crm.Contracts.Customers;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.IntegrationEvents;

/// <summary>
/// Support keeps how to reach each customer; a merge moves the secondary's tickets; an erasure leaves the customer's
/// tickets without anything the customer said or could be recognised by.
/// </summary>
public sealed class CustomerCopyConsumer(SupportDbContext db) : CustomerCopyConsumer<SupportDbContext, Customer>(db)
{
    public const string ErasedText = "[erased]";

    protected override Customer NewCopy(Guid id) => new() { Id = id, Name = "" };

    protected override void Copy(Customer copy, CustomerRegistered registered)
    {
        copy.RegisteredAt = registered.OccurredAt;
        (copy.Kind, copy.CompanyId) = (registered.Kind, registered.CompanyId);
        Copy(copy, registered.Name, registered.Email, registered.Phone);
    }

    protected override void Copy(Customer copy, CustomerUpdated updated)
    {
        (copy.Kind, copy.CompanyId) = (updated.Kind, updated.CompanyId);
        Copy(copy, updated.Name, updated.Email, updated.Phone);
    }

    protected override void Anonymise(Customer copy) => Copy(copy, ErasedName, email: null, phone: null);

    /// <summary>The secondary's tickets become the primary's, and so does a ticket naming the secondary as its contact.</summary>
    protected override async Task RepointAsync(Guid from, Guid to, CancellationToken cancellationToken)
    {
        await Db.Tickets.Where(ticket => ticket.CustomerId == from)
            .ExecuteUpdateAsync(set => set.SetProperty(ticket => ticket.CustomerId, to), cancellationToken);
        await Db.Tickets.Where(ticket => ticket.ContactId == from)
            .ExecuteUpdateAsync(set => set.SetProperty(ticket => ticket.ContactId, to), cancellationToken);
        await Db.Customers.Where(customer => customer.CompanyId == from)
            .ExecuteUpdateAsync(set => set.SetProperty(customer => customer.CompanyId, to), cancellationToken);
    }

    /// <summary>
    /// Subjects, descriptions and every comment of the customer's tickets are replaced; ids, times, category,
    /// priority, status, team and assignee stay, so metrics and SLA figures still count the tickets.
    /// </summary>
    protected override async Task ForgetRecordsAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var tickets = Db.Tickets.Where(ticket => ticket.CustomerId == customerId);
        await Db.TicketComments.Where(comment => tickets.Any(ticket => ticket.Id == comment.TicketId))
            .ExecuteUpdateAsync(set => set.SetProperty(comment => comment.Body, ErasedText), cancellationToken);
        await tickets.ExecuteUpdateAsync(set => set
            .SetProperty(ticket => ticket.Subject, ErasedText)
            .SetProperty(ticket => ticket.Description, ""), cancellationToken);
    }

    private static void Copy(Customer copy, string name, string? email, string? phone)
    {
        copy.Name = name;
        copy.Email = email;
        copy.Phone = phone;
    }
}
