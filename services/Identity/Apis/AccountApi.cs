using Crm.Identity.Infrastructure;
using Crm.Identity.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Identity.Apis;

/// <summary>The sign-in page the authorization endpoint sends browsers to.</summary>
public static class AccountApi
{
    private const string InvalidCredentials = "Invalid e-mail or password.";

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/login", ShowLogin);
        account.MapPost("/login", Login);
        return app;
    }

    public static IResult ShowLogin(HttpContext http, IAntiforgery antiforgery, [FromQuery] string? returnUrl) =>
        Page(http, antiforgery, returnUrl, error: null, email: null, StatusCodes.Status200OK);

    public static async Task<IResult> Login(
        HttpContext http, [FromForm] LoginForm form, IAntiforgery antiforgery, UserManager<CrmUser> users, SignInManager<CrmUser> signIn,
        AuditLog audit, IdentityDbContext db)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        var user = string.IsNullOrWhiteSpace(form.Email) ? null : await users.FindByEmailAsync(form.Email.Trim());
        if (user is null || !user.IsActive || string.IsNullOrEmpty(form.Password))
        {
            // The same answer as a wrong password, so the page does not tell which e-mails have accounts.
            audit.Record(AuditActions.SignInFailed, actorId: null, actorName: null, target: form.Email?.Trim());
            await db.SaveChangesAsync(http.RequestAborted);
            return Page(http, antiforgery, returnUrl, InvalidCredentials, form.Email, StatusCodes.Status400BadRequest);
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            audit.Record(AuditActions.SignedIn, user.Id.ToString(), user.DisplayName, user.Id.ToString());
            await db.SaveChangesAsync(http.RequestAborted);
            return Results.LocalRedirect(returnUrl);
        }

        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user);
            audit.Record(AuditActions.LockedOut, actorId: null, actorName: null, user.Id.ToString(), $"Locked until {until:O}");
            await db.SaveChangesAsync(http.RequestAborted);
            return Page(http, antiforgery, returnUrl,
                "This account is locked after too many failed sign-ins. Try again later or ask an administrator to unlock it.",
                form.Email, StatusCodes.Status403Forbidden);
        }

        audit.Record(AuditActions.SignInFailed, actorId: null, actorName: null, user.Id.ToString());
        await db.SaveChangesAsync(http.RequestAborted);
        return Page(http, antiforgery, returnUrl, InvalidCredentials, form.Email, StatusCodes.Status400BadRequest);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, string? email, int statusCode)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        // Its own policy: nothing but its inline style runs. No form-action, because browsers apply it to the redirects
        // that follow the sign-in too, and those end at the client's own origin.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        return LoginPage.Render(LocalOrRoot(returnUrl), tokens.FormFieldName, tokens.RequestToken!, error, email, statusCode);
    }

    /// <summary>Only a path on this site: an open redirect would let a phishing link borrow the sign-in page.</summary>
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is ['/', not '/' and not '\\', ..] or "/" ? returnUrl : "/";

    public sealed record LoginForm(string? Email, string? Password, string? ReturnUrl);
}
