using Crm.BuildingBlocks.Security;
using System.Net;
using Crm.Marketing.Consent;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Sending;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

/// <summary>
/// The links in marketing mail, used without signing in: the signed token is the authorisation. GET only shows a
/// page (link scanners open every link), POST unsubscribes: the page's button, or a mail client's one-click POST
/// with <c>List-Unsubscribe=One-Click</c> (RFC 8058).
/// </summary>
public static class UnsubscribeApi
{
    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{MarketingApi.Prefix}/unsubscribe").WithTags("Unsubscribe").AllowAnonymous();

        api.MapGet("/{token}", ShowUnsubscribePage)
            .WithSummary("The page an unsubscribe link opens: one button that confirms. A tampered link is a 400.");
        api.MapPost("/{token}", Unsubscribe)
            .DisableAntiforgery()
            .WithSummary("Unsubscribes the person the signed token names (the page's button or RFC 8058 one-click). A tampered token is a 400.");
        return app;
    }

    public static Results<ContentHttpResult, ProblemHttpResult> ShowUnsubscribePage(string token, LinkSigner tokens)
    {
        if (!TryRead(tokens, token, out _, out _))
        {
            return Tampered();
        }

        var action = WebUtility.HtmlEncode(token);
        return TypedResults.Content(
            Page("Unsubscribe", $"""<p>Stop receiving marketing e-mail from us?</p><form method="post" action="{action}"><button type="submit">Unsubscribe</button></form>"""),
            "text/html; charset=utf-8");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Unsubscribe(
        string token, HttpRequest request, LinkSigner tokens, MarketingDbContext db, ConsentChanges consent, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryRead(tokens, token, out var contactId, out var campaignId))
        {
            return Tampered();
        }

        var oneClick = request.HasFormContentType
            && (await request.ReadFormAsync(cancellationToken))["List-Unsubscribe"] == "One-Click";
        var contact = await db.Customers.FirstOrDefaultAsync(customer => customer.Id == contactId, cancellationToken);
        if (contact is not null)
        {
            await consent.UnsubscribeAsync(contact, campaignId, oneClick ? "OneClick" : "Link", clock.GetUtcNow(), cancellationToken);
        }

        return TypedResults.Content(Page("Unsubscribed", "<p>You will not receive marketing e-mail from us any more.</p>"), "text/html; charset=utf-8");
    }

    private static bool TryRead(LinkSigner tokens, string token, out Guid contactId, out Guid? campaignId)
    {
        (contactId, campaignId) = (Guid.Empty, null);
        if (!tokens.TryVerify(MailComposer.UnsubscribePurpose, token, out var payload) || payload.Split('|') is not [var contact, var campaign]
            || !Guid.TryParse(contact, out contactId))
        {
            return false;
        }

        campaignId = Guid.TryParse(campaign, out var id) ? id : null;
        return true;
    }

    private static ProblemHttpResult Tampered() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This link is not valid.",
            detail: "The link was changed or is incomplete; use the link from the e-mail as it is.");

    private static string Page(string title, string body) =>
        $"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>""";
}
