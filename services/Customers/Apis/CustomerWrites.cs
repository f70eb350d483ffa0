using System.Text.Json;
using Crm.BuildingBlocks.CustomFields;
using Crm.BuildingBlocks.Messaging;
using Crm.Contracts.Customers;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;

namespace Crm.Customers.Apis;

/// <summary>Copies a request onto a customer, noting what changed, and turns the result into events.</summary>
public static class CustomerWrites
{
    /// <param name="fields">
    /// <see cref="ICustomerFields.CustomFields"/> here is the complete set of custom values after the change, already
    /// checked (<see cref="CustomFieldValues.Merge"/>); null keeps the current values.
    /// </param>
    /// <returns>The fields whose value changed (camelCase names; custom ones as <c>customFields.key</c>), with their old and new values.</returns>
    public static List<FieldChange> Apply(this Customer customer, ICustomerFields fields)
    {
        var changed = new List<FieldChange>();
        void Set<T>(string name, T current, T next, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, next))
            {
                assign(next);
                changed.Add(new FieldChange(name, current, next));
            }
        }

        var address = fields.Address ?? new AddressDto(null, null, null, null, null);
        Set("name", customer.Name, fields.Name!.Trim(), value => customer.Name = value);
        Set("companyId", customer.CompanyId, fields.CompanyId, value => customer.CompanyId = value);
        Set("email", customer.Email, Clean(fields.Email), value => customer.Email = value);
        Set("phone", customer.Phone, Clean(fields.Phone), value => customer.Phone = value);
        Set("address", AddressDto.From(customer.Address), address with
        {
            Street = Clean(address.Street), PostalCode = Clean(address.PostalCode), City = Clean(address.City),
            State = Clean(address.State), Country = Clean(address.Country),
        }, value => customer.Address = new Address
        {
            Street = value.Street, PostalCode = value.PostalCode, City = value.City, State = value.State, Country = value.Country,
        });
        Set("industry", customer.Industry, Clean(fields.Industry), value => customer.Industry = value);
        Set("region", customer.Region, Clean(fields.Region), value => customer.Region = value);
        Set("source", customer.Source, Clean(fields.Source), value => customer.Source = value);
        Set("ownerId", customer.OwnerId, fields.OwnerId, value => customer.OwnerId = value);
        var tags = (fields.Tags ?? []).Select(tag => tag.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (!customer.Tags.SequenceEqual(tags))
        {
            changed.Add(new FieldChange("tags", customer.Tags, tags));
            customer.Tags = tags;
        }

        // Building a document costs a serialization and a parse; an import of thousands of rows without custom cells skips it.
        if (fields.CustomFields is { } values && (values.Count > 0 || !CustomFieldValues.IsEmpty(customer.CustomFields)))
        {
            var next = CustomFieldValues.ToDocument(new SortedDictionary<string, JsonElement>(values.ToDictionary(), StringComparer.Ordinal));
            var before = changed.Count;
            changed.AddRange(CustomFieldValues.Changes(customer.CustomFields, next)
                .Select(change => new FieldChange($"{CustomFieldValues.Path}.{change.Key}", change.Before, change.After)));
            if (changed.Count > before)
            {
                customer.CustomFields = next;
            }
        }

        return changed;
    }

    /// <summary>The merge rule: the primary's values win; a field it leaves empty takes the secondary's; tags are joined.</summary>
    public static List<FieldChange> FillEmptyFrom(this Customer primary, Customer secondary)
    {
        var address = primary.Address;
        var fields = new UpdateCustomerRequest(
            primary.Name,
            primary.CompanyId ?? (secondary.CompanyId == primary.Id ? null : secondary.CompanyId),
            primary.Email ?? secondary.Email,
            primary.Phone ?? secondary.Phone,
            new AddressDto(
                address.Street ?? secondary.Address.Street, address.PostalCode ?? secondary.Address.PostalCode,
                address.City ?? secondary.Address.City, address.State ?? secondary.Address.State, address.Country ?? secondary.Address.Country),
            primary.Industry ?? secondary.Industry,
            primary.Region ?? secondary.Region,
            primary.Source ?? secondary.Source,
            primary.OwnerId ?? secondary.OwnerId,
            [.. primary.Tags.Union(secondary.Tags)],
            CustomFieldValues.Read(CustomFieldValues.FillEmpty(primary.CustomFields, secondary.CustomFields)));
        return primary.Apply(fields);
    }

    /// <summary>Adds a new customer with what every creation records: the timeline entry of its fields and <c>CustomerRegistered</c>.</summary>
    public static void AddCustomer(
        this CustomersDbContext db, Customer customer, IReadOnlyList<FieldChange> fields, string summary, string? actorId,
        string? sourceReference = null)
    {
        db.Customers.Add(customer);
        db.TimelineEntries.Add(CreatedEntry(customer, fields, summary, actorId, sourceReference));
        db.AddIntegrationEvent(customer.Registered(), orderingKey: customer.Id.ToString());
    }

    /// <summary>The timeline entry of a creation: every field the new customer was given.</summary>
    public static TimelineEntry CreatedEntry(
        Customer customer, IReadOnlyList<FieldChange> fields, string summary, string? actorId, string? sourceReference) =>
        Timeline.Entry(customer.Id, customer.CreatedAt, "customer.created", summary,
            fields.ToDictionary(field => field.Field, field => field.After), actorId, sourceReference: sourceReference);

    /// <summary>Counts a change the customer already took (<see cref="Apply"/>): a new revision, its timeline entry and <c>CustomerUpdated</c>.</summary>
    public static void RecordUpdate(
        this CustomersDbContext db, Customer customer, IReadOnlyList<FieldChange> changed, DateTimeOffset at, string summary, string? actorId)
    {
        customer.Revision++;
        customer.UpdatedAt = at;
        db.AddIntegrationEvent(customer.Updated(changed), orderingKey: customer.Id.ToString());
        db.AddTimelineEntry(customer.Id, at, "customer.updated", summary, Timeline.BeforeAndAfter(changed), actorId);
    }

    /// <summary>Removes a customer with its timeline entry and <c>CustomerDeleted</c>, which tombstones every service's copy.</summary>
    public static void RemoveCustomer(this CustomersDbContext db, Customer customer, DateTimeOffset at, string summary, string? actorId)
    {
        db.Customers.Remove(customer);
        db.AddTimelineEntry(customer.Id, at, "customer.deleted", summary, actorId: actorId);
        db.AddIntegrationEvent(new CustomerDeleted(customer.Id, customer.Revision + 1, at), orderingKey: customer.Id.ToString());
    }

    /// <summary>"Changed region, tags", for a timeline entry's summary.</summary>
    public static string FieldNames(IEnumerable<FieldChange> changes) => string.Join(", ", changes.Select(change => change.Field));

    public static CustomerRegistered Registered(this Customer customer) =>
        new(customer.Id, customer.Kind.ToString(), customer.Name, customer.Email, customer.Phone, customer.Industry,
            customer.Region, customer.Source, customer.CreatedAt, customer.OwnerId, customer.CompanyId, customer.Tags);

    public static CustomerUpdated Updated(this Customer customer, IReadOnlyList<FieldChange> changes) =>
        new(customer.Id, customer.Revision, customer.Kind.ToString(), customer.Name, customer.Email, customer.Phone,
            customer.Industry, customer.Region, customer.Source, customer.OwnerId, customer.CompanyId, customer.Tags,
            [.. changes.Select(change => change.Field)], customer.UpdatedAt);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
