using Crm.Marketing.Consent;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

/// <summary>
/// Asynchronous bounces (DSNs) a mail provider reports, e.g. from its webhook. Administrators, and integration clients
/// given the marketer role; a marketer signed in as a person may not, because a bounce silences a contact for good.
/// </summary>
public static class BouncesApi
{
    public static IEndpointRouteBuilder MapBouncesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup($"{MarketingApi.Prefix}/bounces").WithTags("Bounces").RequireRoles(CrmRoles.Marketing)
            .MapPost("/", ReportBounce)
            .WithValidation<BounceReport>()
            .WithSummary("Records a hard or soft bounce by e-mail or Message-Id. A hard one, or the SoftBounceLimit-th soft one, makes the contact bounced: never mailed again by any path. 404 when neither names a known mail or contact.");
        return app;
    }

    public static async Task<Results<Ok<BounceResponse>, ProblemHttpResult>> ReportBounce(
        BounceReport report, CurrentUser caller, MarketingDbContext db, BounceRecorder bounces, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!caller.IsInRole(CrmRoles.Administrator) && caller.UserId is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only administrators and integration clients report bounces.",
                detail: "A bounce stops all mail to a contact for good; it comes from the mail provider's integration, not from a person.");
        }

        var messageId = report.MessageId?.Trim().Trim('<', '>');
        Guid? campaignId = null, journeyId = null;
        var contactIds = new List<Guid>();
        if (!string.IsNullOrEmpty(messageId))
        {
            if (await db.CampaignRecipients.AsNoTracking().FirstOrDefaultAsync(r => r.MessageId == messageId, cancellationToken) is { } recipient)
            {
                (campaignId, contactIds) = (recipient.CampaignId, [recipient.ContactId]);
            }
            else if (await db.JourneyMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId, cancellationToken) is { } mail)
            {
                (journeyId, contactIds) = (mail.JourneyId, [mail.ContactId]);
            }
        }

        var email = report.Email?.Trim().ToLowerInvariant();
        if (contactIds.Count == 0 && !string.IsNullOrEmpty(email))
        {
            contactIds = await db.Customers.Where(c => c.Email != null && c.Email.ToLower() == email && !c.IsDeleted).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        if (contactIds.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No mail or contact matches this bounce.",
                detail: "Neither the Message-Id nor the e-mail address belongs to a mail marketing sent or to one of its contacts.");
        }

        var now = clock.GetUtcNow();
        var nowBounced = new List<Guid>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var contactId in contactIds)
        {
            var contact = await db.Customers.FirstAsync(c => c.Id == contactId, cancellationToken);
            var bounce = new Bounce
            {
                Email = email ?? (contact.Email ?? "").ToLowerInvariant(),
                ContactId = contactId,
                CampaignId = campaignId,
                JourneyId = journeyId,
                MessageId = messageId,
                Kind = report.Kind!.Value,
                Source = "Report",
                Detail = report.Detail,
                OccurredAt = report.OccurredAt ?? now,
            };
            if (await bounces.RecordAsync(contact, bounce, cancellationToken))
            {
                nowBounced.Add(contactId);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new BounceResponse(contactIds, nowBounced));
    }
}
