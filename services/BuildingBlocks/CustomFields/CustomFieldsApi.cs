using System.Text.Json;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>
/// <c>{prefix}/custom-fields</c>: everyone reads the definitions (forms need them); administrators add, change,
/// archive and delete them. A service offers custom fields on a record type by mapping this once.
/// </summary>
public static class CustomFieldsApi
{
    public static IEndpointRouteBuilder MapCustomFieldsApi<TContext, TRecord>(this IEndpointRouteBuilder app, string prefix, string tag)
        where TContext : DbContext, ICustomFieldsDbContext
        where TRecord : class, IHasCustomFields
    {
        var api = app.MapGroup($"{prefix}/custom-fields").WithTags(tag);
        CustomFieldEndpoints<TContext, TRecord>.Map(api);
        return app;
    }

    /// <summary>The definitions a write or filter is checked against, archived ones included (their values stay valid).</summary>
    public static Task<List<CustomFieldDefinition>> DefinitionsAsync(this ICustomFieldsDbContext db, CancellationToken cancellationToken) =>
        db.CustomFieldDefinitions.AsNoTracking().OrderBy(field => field.Position).ThenBy(field => field.Key).ToListAsync(cancellationToken);

    /// <summary>The query string's <c>cf.*</c> conditions (see <see cref="CustomFieldFilter"/>), or the 400 answer naming the parameter.</summary>
    public static async Task<(List<CustomFieldFilter> Filters, ValidationProblem? Problem)> CustomFieldFiltersAsync(
        this ICustomFieldsDbContext db, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (!query.Keys.Any(key => key.StartsWith(CustomFieldFilter.Prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return ([], null);
        }

        var errors = new Dictionary<string, string[]>();
        var filters = CustomFieldFilter.Parse(query, await db.DefinitionsAsync(cancellationToken), errors);
        return (filters, errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null);
    }

    /// <summary>A record's custom values after a write's changes (see <see cref="CustomFieldValues.Merge"/>), or the 400 answer.</summary>
    public static async Task<(IReadOnlyDictionary<string, JsonElement> Values, ValidationProblem? Problem)> MergeCustomFieldsAsync(
        this ICustomFieldsDbContext db, JsonDocument current, IReadOnlyDictionary<string, JsonElement>? changes, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var merged = CustomFieldValues.Merge(await db.DefinitionsAsync(cancellationToken), current, changes, errors);
        return (CustomFieldValues.Read(merged), errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null);
    }
}

/// <summary>
/// The handlers. They take the service's DbContext from the request's services because ASP.NET Core's route handler
/// analyzer fails on handler parameters of a generic type.
/// </summary>
internal static class CustomFieldEndpoints<TContext, TRecord>
    where TContext : DbContext, ICustomFieldsDbContext
    where TRecord : class, IHasCustomFields
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/", List).RequireRoles(CrmRoles.All)
            .WithSummary("The custom fields, in display order; archived ones only with includeArchived=true.");
        api.MapGet("/{id:guid}", Get).RequireRoles(CrmRoles.All).WithSummary("One custom field; the ETag header carries its version.");
        api.MapPost("/", Create).RequireRoles(CrmRoles.Administrator)
            .WithSummary("Adds a typed field (text, number, date, single or multi choice); its key and type are fixed from then on.");
        api.MapPut("/{id:guid}", Update).RequireRoles(CrmRoles.Administrator)
            .WithSummary("Changes label, options, required, archived and position (If-Match). An option still in use cannot be removed.");
        api.MapDelete("/{id:guid}", Delete).RequireRoles(CrmRoles.Administrator)
            .WithSummary("Deletes a field no record holds a value for (If-Match); archive it otherwise.");
    }

    private static async Task<Ok<List<CustomFieldResponse>>> List(bool? includeArchived, HttpContext http, CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<TContext>();
        var fields = await db.DefinitionsAsync(cancellationToken);
        return TypedResults.Ok(fields.Where(field => includeArchived == true || !field.Archived).Select(CustomFieldResponse.From).ToList());
    }

    private static async Task<Results<Ok<CustomFieldResponse>, NotFound>> Get(Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<TContext>();
        var field = await db.CustomFieldDefinitions.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (field is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(field.Version);
        return TypedResults.Ok(CustomFieldResponse.From(field));
    }

    private static async Task<Results<Created<CustomFieldResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateCustomFieldRequest request, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<TContext>();
        var validation = await new CreateCustomFieldRequestValidator().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToDictionary());
        }

        if (await db.CustomFieldDefinitions.AnyAsync(field => field.Key == request.Key, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The key is taken.",
                detail: $"There is already a custom field '{request.Key}'; keys stay unique even when archived.");
        }

        if (await db.CustomFieldDefinitions.CountAsync(cancellationToken) >= CustomFieldRules.MaxFields)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many custom fields.",
                detail: $"At most {CustomFieldRules.MaxFields} custom fields; delete or reuse one.");
        }

        var now = clock.GetUtcNow();
        var field = new CustomFieldDefinition
        {
            Id = Guid.CreateVersion7(now), Key = request.Key!, Label = request.Label!.Trim(), Type = request.Type!.Value,
            Options = [.. (request.Options ?? []).Select(option => option.Trim())], Required = request.Required ?? false,
            Position = request.Position ?? 0, CreatedAt = now, UpdatedAt = now,
        };
        db.CustomFieldDefinitions.Add(field);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The key is taken.",
                detail: $"There is already a custom field '{request.Key}'.");
        }

        http.Response.Headers.ETag = ETags.From(field.Version);
        return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{field.Id}", CustomFieldResponse.From(field));
    }

    private static async Task<Results<Ok<CustomFieldResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateCustomFieldRequest request, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<TContext>();
        var validation = await new UpdateCustomFieldRequestValidator().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToDictionary());
        }

        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var field = await db.CustomFieldDefinitions.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (field is null)
        {
            return TypedResults.NotFound();
        }

        if (field.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        var isChoice = field.Type is CustomFieldType.SingleChoice or CustomFieldType.MultiChoice;
        var options = (request.Options ?? field.Options).Select(option => option.Trim()).ToList();
        if (!isChoice && options.Count > 0 || isChoice && options.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["options"] = [isChoice ? "A choice field needs at least one option." : "Only choice fields have options."],
            });
        }

        foreach (var removed in field.Options.Where(option => !options.Contains(option, StringComparer.Ordinal)))
        {
            if (await AnyHoldsAsync(db, field, removed, cancellationToken))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The option is in use.",
                    detail: $"Records still hold '{removed}' in '{field.Label}'; change them first, or keep the option.");
            }
        }

        (field.Label, field.Options, field.Required, field.Archived, field.Position, field.UpdatedAt) =
            (request.Label!.Trim(), options, request.Required ?? field.Required, request.Archived ?? field.Archived, request.Position ?? field.Position,
             clock.GetUtcNow());
        db.Entry(field).Property(f => f.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        http.Response.Headers.ETag = ETags.From(field.Version);
        return TypedResults.Ok(CustomFieldResponse.From(field));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<TContext>();
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var field = await db.CustomFieldDefinitions.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (field is null)
        {
            return TypedResults.NotFound();
        }

        if (field.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        var key = field.Key;
        if (await db.Set<TRecord>().AnyAsync(record => EF.Functions.JsonExists(record.CustomFields, key), cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The field holds values.",
                detail: $"Records still hold values in '{field.Label}'; archive the field to hide it, or clear the values first.");
        }

        db.CustomFieldDefinitions.Remove(field);
        db.Entry(field).Property(f => f.Version).OriginalValue = expectedVersion;
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

    private static Task<bool> AnyHoldsAsync(DbContext db, CustomFieldDefinition field, string option, CancellationToken cancellationToken)
    {
        var holding = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [field.Key] = field.Type == CustomFieldType.MultiChoice ? new[] { option } : option,
        });
        return db.Set<TRecord>().AnyAsync(record => EF.Functions.JsonContains(record.CustomFields, holding), cancellationToken);
    }
}
