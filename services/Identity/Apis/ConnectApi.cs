using Crm.Identity.Infrastructure;
using Crm.Identity.Model;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Apis;

/// <summary>The OAuth 2 / OpenID Connect endpoints; OpenIddict validates the requests, these decide who gets a token.</summary>
public static class ConnectApi
{
    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").AllowAnonymous().ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        connect.MapPost("/token", Exchange);
        connect.MapMethods("/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)Logout);
        return app;
    }

    public static async Task<IResult> Authorize(HttpContext http, UserManager<CrmUser> users, TokenPrincipals principals)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle the authorization request.");

        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            // To the sign-in page, which sends the browser back here with the same parameters.
            var parameters = http.Request.HasFormContentType ? [.. http.Request.Form] : http.Request.Query.ToList();
            parameters.RemoveAll(parameter => parameter.Key == Parameters.Prompt);
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(session.Principal);
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            return Refuse(Errors.AccessDenied, "This account may not sign in.");
        }

        return Results.SignIn(await principals.ForUserAsync(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public static async Task<IResult> Exchange(
        HttpContext http, UserManager<CrmUser> users, IOpenIddictApplicationManager applications, TokenPrincipals principals)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle the token request.");

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
                ?? throw new InvalidOperationException("OpenIddict authenticated a client that does not exist.");
            return Results.SignIn(await principals.ForClientAsync(application, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        // Authorization code or refresh token: OpenIddict has validated it; the user's current state decides.
        var grant = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = grant.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            return Refuse(Errors.InvalidGrant, "The user may no longer sign in.");
        }

        return Results.SignIn(await principals.ForUserAsync(user, grant.Principal!.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public static async Task<IResult> Logout(HttpContext http)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
