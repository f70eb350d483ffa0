using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Customers.Apis;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Stores the customers an import batch creates with one binary <c>COPY</c> per table instead of five single-row
/// inserts per customer: the customers, their values, their timeline entries, <c>CustomerRegistered</c> and the records
/// a revert needs (one record for the batch), in the caller's transaction. The rows are the ones <see cref="CustomerWrites.AddCustomer"/> and
/// <see cref="ValueRecalculator"/> write for a customer entered by hand.
/// </summary>
public sealed class ImportBatchWriter(CustomersDbContext db, ValueRecalculator recalculator)
{
    /// <summary>
    /// Values the new customers by the current rules and builds their <c>CustomerRegistered</c> events: the work that needs
    /// no write, done while the batch before is still being stored. A value event the rules raise for a new customer is
    /// queued in the change tracker: save it after <see cref="WriteAsync"/>, so it follows the registration.
    /// </summary>
    public async Task<List<OutboxMessage>> PrepareAsync(IReadOnlyList<CreatedByImport> created, CancellationToken cancellationToken)
    {
        if (created.Count == 0)
        {
            return [];
        }

        var rules = await ValueRecalculator.LoadRulesAsync(db, cancellationToken);
        var registrations = new List<OutboxMessage>(created.Count);
        foreach (var item in created)
        {
            recalculator.ValueNew(item.Customer, rules);
            registrations.Add(OutboxMessage.Create(item.Customer.Registered(), item.Customer.Id.ToString()));
        }

        return registrations;
    }

    /// <summary>
    /// Writes the customers in the order given (a contact's new company before the contact), their events and the
    /// record of their creation, calling <paramref name="customersWritten"/> once the customers themselves are.
    /// </summary>
    public async Task WriteAsync(
        Guid jobId, IReadOnlyList<CreatedByImport> created, IReadOnlyCollection<OutboxMessage> registrations, Action customersWritten,
        CancellationToken cancellationToken)
    {
        if (created.Count == 0)
        {
            customersWritten();
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await CopyCustomersAsync(connection, created, cancellationToken);
        customersWritten();
        await CopyValuesAsync(connection, created, cancellationToken);
        await CopyTimelineAsync(connection, created, cancellationToken);
        // The customers are new to everyone until this transaction commits: no other writer can hold events for them.
        await db.CopyOutboxMessagesAsync(registrations, keysAreNew: true, cancellationToken);
        // One record for the batch, before its updates record theirs (as the change tracker saves them): a revert undoes
        // the newest first. Every new customer starts at the same revision.
        var rows = created.Select(item => item.Row).ToArray();
        var customerIds = created.Select(item => item.Customer.Id).ToArray();
        var revision = created[0].Customer.Revision;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO import_changes (job_id, rows, customer_ids, was_created, revision_after, reverted)
            VALUES ({jobId}, {rows}, {customerIds}, TRUE, {revision}, FALSE)
            """, cancellationToken);
    }

    private static async Task CopyCustomersAsync(NpgsqlConnection connection, IReadOnlyList<CreatedByImport> created, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY customers (id, kind, name, company_id, email, phone, address_street, address_postal_code, address_city, address_state,
                address_country, industry, region, source, owner_id, tags, custom_fields, created_at, updated_at, revision)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var customer in created.Select(item => item.Customer))
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(customer.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(customer.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(customer.Name, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.CompanyId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteOrNullAsync(customer.Email, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Phone, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Address.Street, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Address.PostalCode, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Address.City, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Address.State, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Address.Country, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Industry, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Region, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.Source, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(customer.OwnerId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(customer.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(customer.CustomFields.RootElement.GetRawText(), NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(customer.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(customer.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(customer.Revision, NpgsqlDbType.Integer, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyValuesAsync(NpgsqlConnection connection, IReadOnlyList<CreatedByImport> created, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY customer_values (customer_id, recency, frequency, monetary, purchase_count, total_spend, first_purchase_at, last_purchase_at,
                lifetime_value, tier, activity, lifecycle, churn_risk, churn_reasons, rating_basis, rated_value, grade, computed_at,
                customer_created_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var value in created.Select(item => item.Customer.Value!))
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(value.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(value.Recency, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(value.Frequency, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(value.Monetary, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(value.PurchaseCount, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(value.TotalSpend, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteOrNullAsync(value.FirstPurchaseAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteOrNullAsync(value.LastPurchaseAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(value.LifetimeValue, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(value.Tier.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(value.Activity.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(value.Lifecycle.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(value.ChurnRisk, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(value.ChurnReasons, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(value.RatingBasis.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(value.RatedValue, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(value.Grade, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(value.ComputedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(value.CustomerCreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyTimelineAsync(NpgsqlConnection connection, IReadOnlyList<CreatedByImport> created, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY timeline_entries (customer_id, occurred_at, service, kind, summary, data, actor_id, source_reference)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var entry in created.Select(item => item.Entry))
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(entry.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(entry.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(entry.Service, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(entry.Kind, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(entry.Summary, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(entry.Data, NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteOrNullAsync(entry.ActorId, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteOrNullAsync(entry.SourceReference, NpgsqlDbType.Varchar, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
