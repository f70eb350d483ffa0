using System.Security.Cryptography;
using System.Text.Json;
using Crm.Identity.Infrastructure;
using Crm.Identity.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Apis;

/// <summary>Integration clients: machines that call the API with the client-credentials grant, limited to the roles given here.</summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup($"{UsersApi.Prefix}/clients").WithTags("Integration clients").RequireRoles(CrmRoles.Administrator);
        clients.MapPost("/", CreateClient).WithValidation<CreateClientRequest>()
            .WithSummary("Creates an integration client; its secret is shown once, in this response.");
        return app;
    }

    public static async Task<Created<CreatedClientResponse>> CreateClient(
        CreateClientRequest request, IOpenIddictApplicationManager applications, AuditLog audit, IdentityDbContext db,
        CancellationToken cancellationToken)
    {
        var clientId = $"integration-{Guid.NewGuid():N}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var roles = request.Roles!.Distinct().ToArray();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName!.Trim(),
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + CrmAudiences.ApiScope,
            },
        };
        descriptor.Properties[TokenPrincipals.ClientRolesProperty] = JsonSerializer.SerializeToElement(roles);
        await applications.CreateAsync(descriptor, cancellationToken);

        audit.Record(AuditActions.ClientCreated, clientId, $"{descriptor.DisplayName} with roles {string.Join(", ", roles)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{UsersApi.Prefix}/clients/{clientId}", new CreatedClientResponse(clientId, secret, descriptor.DisplayName, roles));
    }
}

public sealed record CreatedClientResponse(string ClientId, string ClientSecret, string DisplayName, IReadOnlyList<string> Roles);

public sealed record CreateClientRequest(string? DisplayName, IReadOnlyList<string>? Roles);

public sealed class CreateClientRequestValidator : AbstractValidator<CreateClientRequest>
{
    public CreateClientRequestValidator()
    {
        RuleFor(request => request.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Roles).NotEmpty().WithMessage("A client needs at least one role.");
        RuleForEach(request => request.Roles).MustBeKnownRole();
    }
}
