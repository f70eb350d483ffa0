using Crm.BuildingBlocks.CustomFields;
using Crm.Contracts.Customers;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.OpenApi;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

public static class CustomersApi
{
    public const string Prefix = "/api/customers";

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceOpenApi(Prefix);
        var api = app.MapGroup(Prefix).WithTags("Customers").RequireRoles(CrmRoles.All);

        api.MapGet("/", ListCustomers)
            .WithValidation<ListCustomersQuery>()
            .WithSummary("Lists customers: filters, search, sort, keyset paging (pass nextCursor back as cursor).");
        api.MapPost("/", CreateCustomer)
            .WithName(nameof(CreateCustomer))
            .WithSummary("Creates a company or a person; the caller owns it unless they may assign another owner. A possible duplicate is a 409 unless onDuplicate=allow.")
            .WithValidation<CreateCustomerRequest>()
            .RequireRoles(CrmRoles.CustomerEditors);
        api.MapGet("/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("Reads one customer; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateCustomer)
            .WithSummary("Replaces a customer's fields. Needs If-Match with the ETag read: 428 without it, 412 when stale.")
            .WithValidation<UpdateCustomerRequest>()
            .RequireRoles(CrmRoles.CustomerEditors);
        api.MapDelete("/{id:guid}", DeleteCustomer)
            .WithSummary("Deletes a customer. Needs If-Match; a company with contacts cannot be deleted.")
            .RequireRoles(CrmRoles.OwnerAssigners);
        return app;
    }

    /// <remarks>
    /// Custom fields filter as <c>cf.&lt;key&gt;=value</c>, <c>cf.&lt;key&gt;.from=</c>, <c>cf.&lt;key&gt;.to=</c>. A search
    /// without a sort is ranked (<see cref="CustomerSearch"/>).
    /// </remarks>
    public static async Task<Results<Ok<CursorPage<CustomerResponse>>, ValidationProblem>> ListCustomers(
        [AsParameters] ListCustomersQuery query, CustomersDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (customFieldFilters, problem) = await db.CustomFieldFiltersAsync(http.Request.Query, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (grade, gradeProblem) = await CustomerQueries.KnownGradeAsync(db, query.Grade, cancellationToken);
        if (gradeProblem is not null)
        {
            return gradeProblem;
        }

        query = query with { Grade = grade };
        // A rare filter becomes the few customers' ids; a value filter is then dropped (the ids meet it).
        var (fewIds, valueFiltersMet, fewIdsInOrder) = await CustomerQueries.FewMatchesAsync(db, query, query.SortOrDefault, customFieldFilters, cancellationToken);
        var filter = valueFiltersMet ? query with { Tier = null, Lifecycle = null, Grade = null } : query;
        Cursor.TryDecode(query.Cursor, query.SortOrDefault, out var after);
        if (query.IsRankedSearch)
        {
            var matches = db.Customers.AsNoTracking().Filter(filter with { Q = null }).WhereIdIn(fewIds).WhereCustomFields(customFieldFilters);
            var ranked = await CustomerSearch.FindAsync(db, matches, query.Q!, after, query.PageSizeOrDefault + 1, cancellationToken);
            var best = ranked.Take(query.PageSizeOrDefault).ToList();
            var nextRanked = ranked.Count > best.Count ? CustomerSearch.CursorAfter(best[^1].Customer, best[^1].Rank).Encode() : null;
            return TypedResults.Ok(new CursorPage<CustomerResponse>([.. best.Select(match => CustomerResponse.From(match.Customer))], query.PageSizeOrDefault, nextRanked));
        }

        var filtered = db.Customers.AsNoTracking().Filter(filter).WhereCustomFields(customFieldFilters);
        var rows = fewIds is not null && fewIdsInOrder
            ? await CustomerQueries.PageInOrderAsync(filtered, fewIds, query.SortOrDefault, after, query.PageSizeOrDefault + 1, cancellationToken)
            : await filtered
                .WhereIdIn(fewIds)
                // Few ids sort faster on the customer's own columns than through the value table's order, and a choice's
                // index holds the customer's creation time.
                .Page(query.SortOrDefault, after, fewIds is null && !customFieldFilters.Any(CustomFieldIndexes.Serves) ? filter : null)
                .Take(query.PageSizeOrDefault + 1)
                .ToListAsync(cancellationToken);

        var page = rows.Take(query.PageSizeOrDefault).ToList();
        var next = rows.Count > page.Count ? CustomerQueries.CursorAfter(page[^1], query.SortOrDefault).Encode() : null;
        return TypedResults.Ok(new CursorPage<CustomerResponse>([.. page.Select(CustomerResponse.From)], query.PageSizeOrDefault, next));
    }

    /// <param name="onDuplicate">
    /// <c>block</c> (default): a possible duplicate is a 409 listing the matches. <c>allow</c>: created anyway, and the
    /// matches' ids are in the <c>Possible-Duplicates</c> header.
    /// </param>
    public static async Task<Results<Created<CustomerResponse>, ValidationProblem, ProblemHttpResult>> CreateCustomer(
        CreateCustomerRequest request, [FromQuery] string? onDuplicate, CurrentUser caller, CustomersDbContext db, ValueRecalculator recalculator,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (onDuplicate is not (null or DuplicatePolicy.Block or DuplicatePolicy.Allow))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["onDuplicate"] = [$"'onDuplicate' is {DuplicatePolicy.Block} (the default) or {DuplicatePolicy.Allow}."],
            });
        }

        var ownerId = request.OwnerId ?? caller.UserId;
        if (ownerId != caller.UserId && !caller.IsInAnyRole(CrmRoles.OwnerAssigners))
        {
            return CustomerProblems.MayNotAssignOwner();
        }

        if (await CustomerProblems.CheckCompanyAsync(db, request.CompanyId, selfId: null, cancellationToken) is { } companyProblem)
        {
            return companyProblem;
        }

        var (customFields, customFieldsProblem) = await db.MergeCustomFieldsAsync(CustomFieldValues.Empty(), request.CustomFields, cancellationToken);
        if (customFieldsProblem is not null)
        {
            return customFieldsProblem;
        }

        var duplicates = await DuplicateFinder.FindAsync(
            db, request.Kind!.Value, request.Name!.Trim(), request.Email, request.Phone, request.CompanyId, except: null, cancellationToken);
        if (duplicates.Count > 0 && onDuplicate != DuplicatePolicy.Allow)
        {
            return CustomerProblems.PossibleDuplicates(duplicates);
        }

        if (duplicates.Count > 0)
        {
            http.Response.Headers[DuplicatePolicy.Header] = string.Join(",", duplicates.Select(duplicate => duplicate.Id));
        }

        var now = clock.GetUtcNow();
        var customer = new Customer { Id = Guid.CreateVersion7(now), Kind = request.Kind!.Value, Name = "", CreatedAt = now, UpdatedAt = now };
        var fields = customer.Apply(request with { OwnerId = ownerId, CustomFields = customFields });
        db.AddCustomer(customer, fields, $"{customer.Kind} {customer.Name} created", caller.Subject);
        await recalculator.SaveAndRevalueAsync(customer.Id, cancellationToken);

        http.Response.Headers.ETag = ETags.From(customer.Version);
        return TypedResults.Created($"{Prefix}/{customer.Id}", CustomerResponse.From(customer));
    }

    public static async Task<Results<Ok<CustomerResponse>, NotFound>> GetCustomer(
        Guid id, CustomersDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(customer.Version);
        return TypedResults.Ok(CustomerResponse.From(customer));
    }

    public static async Task<Results<Ok<CustomerResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateCustomer(
        Guid id, UpdateCustomerRequest request, CurrentUser caller, CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        if (customer.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        if (customer.ErasedAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The customer's data was erased.",
                detail: "An erased customer is kept only for the figures and cannot be edited.");
        }

        if (request.OwnerId != customer.OwnerId && !caller.IsInAnyRole(CrmRoles.OwnerAssigners))
        {
            return CustomerProblems.MayNotAssignOwner();
        }

        if (customer.Kind == CustomerKind.Company && request.CompanyId is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["companyId"] = ["A company cannot be a contact of another company."] });
        }

        if (await CustomerProblems.CheckCompanyAsync(db, request.CompanyId, customer.Id, cancellationToken) is { } companyProblem)
        {
            return companyProblem;
        }

        var (customFields, customFieldsProblem) = await db.MergeCustomFieldsAsync(customer.CustomFields, request.CustomFields, cancellationToken);
        if (customFieldsProblem is not null)
        {
            return customFieldsProblem;
        }

        var changed = customer.Apply(request with { CustomFields = customFields });
        if (changed.Count > 0)
        {
            db.RecordUpdate(customer, changed, clock.GetUtcNow(), $"Changed {CustomerWrites.FieldNames(changed)}", caller.Subject);
            // The version the client read, not the one loaded: a save racing ours makes this one fail instead of overwrite.
            db.Entry(customer).Property(c => c.Version).OriginalValue = expectedVersion;
            try
            {
                // Region, source and industry feed the tier rules.
                await recalculator.SaveAndRevalueAsync(customer.Id, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Preconditions.Stale();
            }
        }

        http.Response.Headers.ETag = ETags.From(customer.Version);
        return TypedResults.Ok(CustomerResponse.From(customer));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteCustomer(
        Guid id, CurrentUser caller, CustomersDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return TypedResults.NotFound();
        }

        if (customer.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        if (await db.Customers.AnyAsync(contact => contact.CompanyId == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The company has contacts.",
                detail: "Delete or move its contacts first, or merge the company into another.");
        }

        if (await db.Purchases.AnyAsync(p => p.CustomerId == id, cancellationToken)
            || await db.Interactions.AnyAsync(i => i.CustomerId == id, cancellationToken)
            || await db.Feedback.AnyAsync(f => f.CustomerId == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The customer has a history.",
                detail: "A customer with purchases, interactions or feedback is kept; merge it into another instead.");
        }

        db.RemoveCustomer(customer, clock.GetUtcNow(), $"{customer.Kind} {customer.Name} deleted", caller.Subject);
        db.Entry(customer).Property(c => c.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        return TypedResults.NoContent();
    }
}
