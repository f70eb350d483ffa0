using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using Crm.Marketing.Segments;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Consent;

/// <summary>
/// Records bounces and makes a contact <see cref="ConsentState.Bounced"/> after one hard bounce or
/// <see cref="MarketingOptions.SoftBounceLimit"/> soft ones within <see cref="MarketingOptions.SoftBounceWindow"/>: from then
/// on the mailing policy refuses them on every path, their journeys end and their segment memberships are re-checked
/// (rules may select on <c>consent</c>). A bounce that changes nothing else joins the caller's SaveChanges; one that bounces
/// the contact saves the caller's pending changes with the re-check, in the caller's transaction when it has one.
/// </summary>
public sealed class BounceRecorder(MarketingDbContext db, LiveSegments live, IOptions<MarketingOptions> options, TimeProvider clock)
{
    /// <summary>A permanent refusal of the recipient or the message (5xx after RCPT TO or DATA), as opposed to a server or connection fault.</summary>
    public static bool IsHardBounce(SmtpCommandException refused) =>
        (int)refused.StatusCode >= 500 && refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    /// <summary>The SMTP server refused a mail to <paramref name="contact"/> for good while we sent it.</summary>
    public Task RecordRefusalAsync(Customer contact, Guid? campaignId, Guid? journeyId, string messageId, string detail, CancellationToken cancellationToken) =>
        RecordAsync(contact, new Bounce
        {
            Email = (contact.Email ?? "").ToLowerInvariant(),
            ContactId = contact.Id,
            CampaignId = campaignId,
            JourneyId = journeyId,
            MessageId = messageId,
            Kind = BounceKind.Hard,
            Source = "Smtp",
            Detail = Truncate(detail),
            OccurredAt = clock.GetUtcNow(),
        }, cancellationToken);

    /// <summary>Adds <paramref name="bounce"/> and bounces the contact when it is hard or the soft ones add up.</summary>
    /// <returns>True when the contact became bounced now.</returns>
    public async Task<bool> RecordAsync(Customer? contact, Bounce bounce, CancellationToken cancellationToken)
    {
        db.Bounces.Add(bounce);
        if (contact is null || contact.Consent is ConsentState.Bounced or ConsentState.Erased)
        {
            return false;
        }

        if (bounce.Kind == BounceKind.Soft)
        {
            var since = clock.GetUtcNow() - options.Value.SoftBounceWindow;
            var earlier = await db.Bounces.CountAsync(b => b.ContactId == contact.Id && b.Kind == BounceKind.Soft && b.OccurredAt >= since, cancellationToken);
            if (earlier + 1 < options.Value.SoftBounceLimit)
            {
                return false;
            }
        }

        // Stronger than an unsubscribe: the address does not take mail at all.
        var now = clock.GetUtcNow();
        contact.Consent = ConsentState.Bounced;
        contact.ConsentChangedAt = now;
        await JourneyEnroller.ExitAllAsync(db, contact.Id, "bounced", now, cancellationToken);
        await live.SaveAndRefreshAsync(contact.Id, cancellationToken);
        return true;
    }

    public static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
