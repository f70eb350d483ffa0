using System.Text.Json;
using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Apis;
using Crm.Customers.Model;
using Crm.Customers.Model.Imports;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>
/// Decides, batch by batch, what each row does — create, update, skip as a duplicate or as unmatched, or fail with
/// the cells at fault — and, unless it is a dry run, does it: customers, timeline entries, events and the record of
/// each change that lets the import be reverted, all in the caller's transaction. Deciding and storing are two steps so
/// that the worker can decide the next batch while this one is stored. New customers are stored in bulk
/// (<see cref="ImportBatchWriter"/>); updates go through the change tracker, after them.
/// </summary>
public sealed class ImportProcessor(CustomersDbContext db, ValueRecalculator recalculator, ImportBatchWriter writer, TimeProvider clock)
{
    public const int BatchSize = 1_000;

    private static readonly CreateCustomerRequestValidator CreateValidator = new();
    private static readonly UpdateCustomerRequestValidator UpdateValidator = new();

    /// <summary>Rows of this import created so far, by match key, so a file listing someone twice creates them once.</summary>
    public sealed class Memory
    {
        public Dictionary<string, Guid> CreatedByKey { get; } = [];
        public Dictionary<string, Guid> CompaniesByName { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The ids of <see cref="CompaniesByName"/>: a contact of one of them needs its batch committed first.</summary>
        public HashSet<Guid> CreatedCompanies { get; } = [];
    }

    /// <param name="CustomColumns">Column index → custom field key.</param>
    /// <param name="CustomFields">Every custom field definition, for checking the custom cells.</param>
    public sealed record Settings(
        ImportMode Mode, IReadOnlyList<string> MatchOn, IReadOnlyList<string> Headers, IReadOnlyDictionary<int, ImportField> Columns,
        IReadOnlyDictionary<int, string> CustomColumns, IReadOnlyList<CustomFieldDefinition> CustomFields);

    /// <summary>
    /// Decides what each row does, reading but not writing; unless a dry run (<paramref name="apply"/> false), the
    /// batch's new customers are made ready for <see cref="StoreAsync"/> and its updates wait in the change tracker.
    /// </summary>
    /// <param name="previous">
    /// The earlier batches still being stored, if any: a row matching a customer one of them updates waits for their
    /// commits and reads the customer again, so no update is made over a stale copy.
    /// </param>
    public async Task<ImportBatch> DecideAsync(
        IReadOnlyList<ImportedRow> rows, Settings settings, Memory memory, Guid ownerId, Guid? jobId, bool apply, ImportBatchInFlight? previous,
        CancellationToken cancellationToken)
    {
        var headerOf = settings.Columns.ToDictionary(column => column.Value, column => settings.Headers[column.Key]);
        var customHeaderOf = settings.CustomColumns.ToDictionary(column => column.Value, column => settings.Headers[column.Key]);
        var (matches, companies) = await WithoutParallelWorkersAsync(
            async () => (await FindMatchesAsync(rows, settings.MatchOn, cancellationToken), await FindCompaniesAsync(rows, memory, cancellationToken)),
            cancellationToken);
        if (previous is not null && matches.Any(customer => previous.Updating.Contains(customer.Id)))
        {
            await previous.Stored;
            db.ChangeTracker.Clear();
            matches = await WithoutParallelWorkersAsync(() => FindMatchesAsync(rows, settings.MatchOn, cancellationToken), cancellationToken);
        }

        var now = clock.GetUtcNow();
        var outcomes = new List<RowOutcome>(rows.Count);
        var created = new List<CreatedByImport>();
        var updated = new HashSet<Guid>();
        foreach (var row in rows)
        {
            var kind = row.Kind(out var kindProblem);
            if (kind is null)
            {
                outcomes.Add(Failed(row, [new RowProblem(headerOf.GetValueOrDefault(ImportField.Kind), kindProblem!)]));
                continue;
            }

            var matched = Match(row, kind.Value, settings.MatchOn, matches, memory, out var repeatsEarlierRow, out var ambiguity);
            if (ambiguity is not null)
            {
                outcomes.Add(Failed(row, [new RowProblem(null, ambiguity)]));
                continue;
            }

            if (matched is { } existingId)
            {
                var existing = repeatsEarlierRow ? null : matches.First(customer => customer.Id == existingId);
                if (existing is null || settings.Mode == ImportMode.CreateOnly)
                {
                    outcomes.Add(new RowOutcome(row.Number, ImportAction.Skip, existingId,
                        [new RowProblem(null, existing is null ? "Repeats an earlier row of this file." : "Matches an existing customer; create-only leaves it.")]));
                    continue;
                }

                var companyId = CompanyOf(row, existing.Kind, companies, memory, ownerId, now, jobId, apply ? created : null);
                var update = row.OverCurrent(existing, companyId);
                var updateProblems = Invalid(UpdateValidator.Validate(update), row, headerOf) ?? [];
                update = update with { CustomFields = CustomValues(row, settings, existing.CustomFields, customHeaderOf, updateProblems) };
                if (updateProblems.Count > 0)
                {
                    outcomes.Add(Failed(row, updateProblems));
                    continue;
                }

                if (apply)
                {
                    Update(existing, update, row.Number, jobId!.Value, now);
                    updated.Add(existing.Id);
                }

                outcomes.Add(new RowOutcome(row.Number, ImportAction.Update, existing.Id, []));
                continue;
            }

            if (settings.Mode == ImportMode.UpdateOnly)
            {
                outcomes.Add(new RowOutcome(row.Number, ImportAction.Skip, null, [new RowProblem(null, "Matches no customer; update-only creates none.")]));
                continue;
            }

            var create = row.ToCreateRequest(kind.Value, companyId: null, ownerId);
            var createProblems = Invalid(CreateValidator.Validate(create), row, headerOf) ?? [];
            create = create with { CustomFields = CustomValues(row, settings, CustomFieldValues.Empty(), customHeaderOf, createProblems) };
            if (createProblems.Count > 0)
            {
                outcomes.Add(Failed(row, createProblems));
                continue;
            }

            var newCompanyId = CompanyOf(row, kind.Value, companies, memory, ownerId, now, jobId, apply ? created : null);
            var id = Guid.CreateVersion7(now);
            Remember(row, kind.Value, create.Name!, id, memory);
            if (apply)
            {
                created.Add(Create(id, create with { CompanyId = newCompanyId }, row.Number, jobId!.Value, now));
            }

            outcomes.Add(new RowOutcome(row.Number, ImportAction.Create, id, []));
        }

        var registrations = apply ? await writer.PrepareAsync(created, cancellationToken) : [];
        var createdHere = created.Select(item => item.Customer.Id).ToHashSet();
        var usesEarlierCompanies = created.Select(item => item.Customer.CompanyId)
            .Concat(matches.Where(customer => updated.Contains(customer.Id)).Select(customer => customer.CompanyId))
            .Any(companyId => companyId is { } id && memory.CreatedCompanies.Contains(id) && !createdHere.Contains(id));
        return new ImportBatch(outcomes, created, registrations, updated, usesEarlierCompanies);
    }

    /// <summary>Stores what <see cref="DecideAsync"/> decided for the import <paramref name="jobId"/>, in the caller's transaction.</summary>
    /// <param name="customersWritten">Called once the new customers themselves are written, before the rest.</param>
    public async Task StoreAsync(ImportBatch batch, Guid jobId, Action customersWritten, CancellationToken cancellationToken)
    {
        // New customers first: an updated contact may now belong to a company this batch created.
        await writer.WriteAsync(jobId, batch.Created, batch.Registrations, customersWritten, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (batch.Updated.Count > 0)
        {
            await recalculator.RevalueAsync(batch.Updated, rules: null, cancellationToken);
        }
    }

    private static RowOutcome Failed(ImportedRow row, IReadOnlyList<RowProblem> problems) => new(row.Number, ImportAction.Fail, null, problems);

    /// <summary>The row's custom cells over <paramref name="current"/>, checked like an API write; problems name the column.</summary>
    private static IReadOnlyDictionary<string, JsonElement> CustomValues(
        ImportedRow row, Settings settings, JsonDocument current, Dictionary<string, string> headerOf, List<RowProblem> problems)
    {
        if (row.CustomCells.Count == 0 && !settings.CustomFields.Any(field => field.Required && !field.Archived))
        {
            // No cell sets a value and no field is required: the values stay as they are, without a merge per row.
            return CustomFieldValues.Read(current);
        }

        var changes = new Dictionary<string, JsonElement>();
        foreach (var (key, text) in row.CustomCells)
        {
            var field = settings.CustomFields.First(field => field.Key == key);
            if (CustomFieldValues.FromText(field, text, out var error) is { } value)
            {
                changes[key] = value;
            }
            else
            {
                problems.Add(new RowProblem(headerOf[key], error!));
            }
        }

        var errors = new Dictionary<string, string[]>();
        var merged = CustomFieldValues.Merge(settings.CustomFields, current, changes, errors);
        foreach (var (path, messages) in errors)
        {
            var key = path[(CustomFieldValues.Path.Length + 1)..];
            problems.AddRange(messages.Select(message => new RowProblem(headerOf.GetValueOrDefault(key, path), message)));
        }

        return CustomFieldValues.Read(merged);
    }

    private static List<RowProblem>? Invalid(FluentValidation.Results.ValidationResult result, ImportedRow row, Dictionary<ImportField, string> headerOf) =>
        result.IsValid ? null
        : [.. result.Errors.Select(error => new RowProblem(
            ImportedRow.FieldOf(error.PropertyName) is { } field ? headerOf.GetValueOrDefault(field == ImportField.Name && row[ImportField.Name] is null ? ImportField.Company : field, error.PropertyName) : error.PropertyName,
            error.ErrorMessage))];

    /// <summary>
    /// Runs a lookup of the batch's keys with no parallel workers. The planner expects a match for every one of the
    /// 1,000 keys and so starts a worker process, which takes 30–40 ms; the lookup itself, finding the few dozen that do
    /// match, takes 2–4 ms.
    /// </summary>
    private async Task<T> WithoutParallelWorkersAsync<T>(Func<Task<T>> lookup, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
        var found = await lookup();
        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    private async Task<List<Customer>> FindMatchesAsync(IReadOnlyList<ImportedRow> rows, IReadOnlyList<string> matchOn, CancellationToken cancellationToken)
    {
        var emails = matchOn.Contains("email") ? rows.Select(row => row.Email?.ToLowerInvariant()).OfType<string>().Distinct().ToArray() : [];
        var phones = matchOn.Contains("phone") ? rows.Select(row => row.PhoneDigits).OfType<string>().Distinct().ToArray() : [];
        var names = matchOn.Contains("name")
            ? rows.Select(row => (row[ImportField.Name] ?? row[ImportField.Company])?.ToLowerInvariant()).OfType<string>().Distinct().ToArray()
            : [];
        if (emails.Length + phones.Length + names.Length == 0)
        {
            return [];
        }

        // Written out so that each list is one array parameter and nothing else joins the OR: the expression indexes on
        // lower(email), phone_digits and lower(name) then serve it (a translated Contains adds null checks that force a
        // scan of every customer).
        var matching = db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM customers
            WHERE erased_at IS NULL AND (lower(email) = ANY ({emails}) OR phone_digits = ANY ({phones}) OR lower(name) = ANY ({names}))
            """);
        return await db.Customers.Where(customer => matching.Contains(customer.Id)).ToListAsync(cancellationToken);
    }

    private async Task<Dictionary<string, Guid>> FindCompaniesAsync(IReadOnlyList<ImportedRow> rows, Memory memory, CancellationToken cancellationToken)
    {
        var names = rows.Where(row => row[ImportField.Name] is not null).Select(row => row[ImportField.Company]?.ToLowerInvariant()).OfType<string>()
            .Where(name => !memory.CompaniesByName.ContainsKey(name)).Distinct().ToArray();
        if (names.Length == 0)
        {
            return [];
        }

        return (await db.Customers.Where(c => c.Kind == CustomerKind.Company && c.ErasedAt == null && names.Contains(c.Name.ToLower()))
                .OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .DistinctBy(company => company.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(company => company.Name, company => company.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The first match-on field the row has a value for decides; two different customers for it is ambiguous.</summary>
    private static Guid? Match(
        ImportedRow row, CustomerKind kind, IReadOnlyList<string> matchOn, List<Customer> candidates, Memory memory, out bool repeatsEarlierRow,
        out string? ambiguity)
    {
        (repeatsEarlierRow, ambiguity) = (false, null);
        foreach (var field in matchOn)
        {
            var (key, found) = field switch
            {
                "email" when row.Email is { } email => ($"email:{email.ToLowerInvariant()}",
                    candidates.Where(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)).ToList()),
                "phone" when row.PhoneDigits is { } digits => ($"phone:{digits}", candidates.Where(c => c.PhoneDigits == digits).ToList()),
                "name" when row.Name(kind) is { } name => ($"name:{kind}:{name.ToLowerInvariant()}",
                    candidates.Where(c => c.Kind == kind && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList()),
                _ => (null, []),
            };
            if (key is null)
            {
                continue;
            }

            // An earlier row of the file first: whether its customer is committed yet depends on where the batches
            // break and on timing, and the row must be told the same either way.
            if (memory.CreatedByKey.TryGetValue(key, out var earlier))
            {
                repeatsEarlierRow = true;
                return earlier;
            }

            if (found.Count > 1)
            {
                ambiguity = $"Matches {found.Count} customers by {field}; correct the file or match on another field.";
                return null;
            }

            if (found.Count == 1)
            {
                return found[0].Id;
            }
        }

        return null;
    }

    private static void Remember(ImportedRow row, CustomerKind kind, string name, Guid id, Memory memory)
    {
        if (row.Email is { } email)
        {
            memory.CreatedByKey.TryAdd($"email:{email.ToLowerInvariant()}", id);
        }

        if (row.PhoneDigits is { } digits)
        {
            memory.CreatedByKey.TryAdd($"phone:{digits}", id);
        }

        memory.CreatedByKey.TryAdd($"name:{kind}:{name.ToLowerInvariant()}", id);
        if (kind == CustomerKind.Company && memory.CompaniesByName.TryAdd(name, id))
        {
            memory.CreatedCompanies.Add(id);
        }
    }

    /// <summary>A person's company by name: one that exists, one this import made, or a new one made now (added to <paramref name="created"/> unless a dry run).</summary>
    private static Guid? CompanyOf(
        ImportedRow row, CustomerKind kind, Dictionary<string, Guid> existing, Memory memory, Guid ownerId, DateTimeOffset now, Guid? jobId,
        List<CreatedByImport>? created)
    {
        if (row.CompanyName(kind) is not { } name)
        {
            return null;
        }

        if (memory.CompaniesByName.TryGetValue(name, out var known) || existing.TryGetValue(name, out known))
        {
            return known;
        }

        var id = Guid.CreateVersion7(now);
        memory.CompaniesByName[name] = id;
        memory.CreatedCompanies.Add(id);
        created?.Add(Create(
            id, new CreateCustomerRequest(CustomerKind.Company, name, null, null, null, null, null, row[ImportField.Region], row[ImportField.Source], ownerId, []),
            row.Number, jobId!.Value, now));

        return id;
    }

    private static CreatedByImport Create(Guid id, CreateCustomerRequest request, int rowNumber, Guid jobId, DateTimeOffset now)
    {
        var customer = new Customer { Id = id, Kind = request.Kind!.Value, Name = "", CreatedAt = now, UpdatedAt = now };
        var fields = customer.Apply(request);
        var entry = CustomerWrites.CreatedEntry(customer, fields, $"{customer.Kind} {customer.Name} created by import", request.OwnerId?.ToString(),
            sourceReference: $"import:{jobId}:{rowNumber}:{id}");
        return new CreatedByImport(customer, entry, rowNumber);
    }

    private void Update(Customer customer, UpdateCustomerRequest update, int rowNumber, Guid jobId, DateTimeOffset now)
    {
        var before = JsonSerializer.Serialize(Snapshot(customer), JsonSerializerOptions.Web);
        var changed = customer.Apply(update);
        if (changed.Count == 0)
        {
            return;
        }

        db.RecordUpdate(customer, changed, now, $"Changed {CustomerWrites.FieldNames(changed)} by import", actorId: null);
        db.Add(new ImportChange { JobId = jobId, Rows = [rowNumber], CustomerIds = [customer.Id], Before = before, RevisionAfter = customer.Revision });
    }

    public static UpdateCustomerRequest Snapshot(Customer customer) => new(
        customer.Name, customer.CompanyId, customer.Email, customer.Phone, AddressDto.From(customer.Address), customer.Industry,
        customer.Region, customer.Source, customer.OwnerId, [.. customer.Tags], CustomFieldValues.Read(customer.CustomFields));
}
