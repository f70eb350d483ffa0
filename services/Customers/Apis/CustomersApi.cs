using Crm.BuildingBlocks.Messaging;
using Crm.Contracts.Customers;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.OpenApi;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

public static class CustomersApi
{
    public const string Prefix = "/api/customers";

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceOpenApi(Prefix);
        var api = app.MapGroup(Prefix).WithTags("Customers").RequireRoles(CrmRoles.All);

        api.MapPost("/", CreateCustomer)
            .WithName(nameof(CreateCustomer))
            .WithSummary("Creates a company or a person.")
            .WithValidation<CreateCustomerRequest>()
            .RequireRoles(CrmRoles.CustomerEditors);
        api.MapGet("/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("Reads one customer; the ETag header carries its version.");
        return app;
    }

    public static async Task<Created<CustomerResponse>> CreateCustomer(
        CreateCustomerRequest request, CustomersDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(now),
            Kind = request.Kind!.Value,
            Name = request.Name!.Trim(),
            Email = request.Email?.Trim(),
            Phone = request.Phone?.Trim(),
            Industry = request.Industry?.Trim(),
            Region = request.Region?.Trim(),
            Source = request.Source?.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Customers.Add(customer);
        db.AddIntegrationEvent(
            new CustomerRegistered(customer.Id, customer.Kind.ToString(), customer.Name, customer.Email, customer.Phone,
                customer.Industry, customer.Region, customer.Source, now),
            orderingKey: customer.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);

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
}
