using Crm.BuildingBlocks.Mail;
using Crm.Contracts.Marketing;
using Crm.Marketing.Consent;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Marketing.Sending;

/// <summary>
/// Sends campaigns in the background, throttled to each campaign's rate. Exactly one message per recipient: a row is
/// claimed (Queued → Sending, a conditional update only one replica can win) before its SMTP send and marked Sent in
/// one commit with its <see cref="CampaignEmailSent"/> event after the server accepted it. A sender that dies between
/// the two leaves the row Sending; after <see cref="MarketingOptions.ClaimTimeout"/> it becomes Unconfirmed and is never
/// sent again. Everything else (queued rows, pauses, schedules) lives in the database, so a restart resumes where it stopped.
/// </summary>
public sealed class CampaignSender(
    IServiceScopeFactory scopes, IMailSender mail, IOptions<MarketingOptions> options, TimeProvider clock, ILogger<CampaignSender> logger)
    : PollingWorker(clock, logger)
{
    protected override TimeSpan PollInterval => options.Value.SenderPollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        return false;
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var now = Clock.GetUtcNow();

        await db.Campaigns
            .Where(campaign => campaign.Status == CampaignStatus.Scheduled && campaign.ScheduledAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CampaignStatus.Sending).SetProperty(c => c.StartedAt, now), cancellationToken);

        var abandoned = now - options.Value.ClaimTimeout;
        await db.CampaignRecipients
            .Where(recipient => recipient.Status == RecipientStatus.Sending && recipient.ClaimedAt < abandoned)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, RecipientStatus.Unconfirmed)
                .SetProperty(r => r.Detail, "the sender stopped during the send; not sent again to avoid a duplicate"), cancellationToken);

        var sending = await db.Campaigns.AsNoTracking()
            .Where(campaign => campaign.Status == CampaignStatus.Sending)
            .OrderBy(campaign => campaign.StartedAt)
            .Select(campaign => campaign.Id)
            .ToListAsync(cancellationToken);
        foreach (var campaignId in sending)
        {
            await using var campaignScope = scopes.CreateAsyncScope();
            await SendBatchAsync(campaignScope.ServiceProvider, campaignId, cancellationToken);
        }
    }

    private async Task SendBatchAsync(IServiceProvider services, Guid campaignId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MarketingDbContext>();
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(candidate => candidate.Id == campaignId, cancellationToken);
        if (!campaign.RecipientsQueued)
        {
            await services.GetRequiredService<RecipientQueue>().QueueAsync(campaign, cancellationToken);
        }

        var batch = await db.CampaignRecipients.AsNoTracking()
            .Where(recipient => recipient.CampaignId == campaignId && recipient.Status == RecipientStatus.Queued)
            .OrderBy(recipient => recipient.Id)
            .Take(options.Value.SenderBatchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            await CompleteIfDoneAsync(db, campaignId, cancellationToken);
            return;
        }

        var template = await db.Templates.AsNoTracking().FirstAsync(candidate => candidate.Id == campaign.TemplateId, cancellationToken);
        var policy = services.GetRequiredService<MailingPolicy>();
        var composer = services.GetRequiredService<MailComposer>();
        var gap = TimeSpan.FromMinutes(1) / Math.Max(1, campaign.RatePerMinute);
        IMailSession? session = null;
        try
        {
            foreach (var recipient in batch)
            {
                if (!await IsStillSendingAsync(db, campaignId, cancellationToken) || !await ClaimAsync(db, recipient.Id, cancellationToken))
                {
                    // Paused or cancelled: what is not claimed stays Queued. Claimed elsewhere: that replica sends it.
                    if (!await IsStillSendingAsync(db, campaignId, cancellationToken))
                    {
                        return;
                    }

                    continue;
                }

                if (await policy.RefusalAsync(recipient.ContactId, cancellationToken) is { } refusal)
                {
                    await FinishAsync(db, recipient.Id, RecipientStatus.Skipped, refusal, null, cancellationToken);
                    continue;
                }

                var contact = await db.Customers.AsNoTracking().FirstAsync(customer => customer.Id == recipient.ContactId, cancellationToken);
                MimeKit.MimeMessage message;
                try
                {
                    message = composer.Compose(campaign, template, contact, recipient.MessageId);
                }
                catch (Exception e) when (e is InvalidOperationException or FileNotFoundException)
                {
                    // A template that fails for this contact's values must not stall the campaign.
                    await FinishAsync(db, recipient.Id, RecipientStatus.Failed, $"the template failed: {e.Message}", null, cancellationToken);
                    continue;
                }

                try
                {
                    session ??= await mail.ConnectAsync(cancellationToken);
                    await session.SendAsync(message, cancellationToken);
                }
                catch (SmtpCommandException refused)
                {
                    // The server refused this recipient or message; the others still go. A permanent refusal is a bounce.
                    var detail = $"{(int)refused.StatusCode} {refused.Message}";
                    var bounced = BounceRecorder.IsHardBounce(refused);
                    if (bounced)
                    {
                        await services.GetRequiredService<BounceRecorder>().RecordRefusalAsync(
                            await db.Customers.FirstAsync(c => c.Id == contact.Id, cancellationToken), campaign.Id, null, recipient.MessageId, detail, cancellationToken);
                    }

                    await FinishAsync(db, recipient.Id, bounced ? RecipientStatus.Bounced : RecipientStatus.Failed, detail, null, cancellationToken);
                    continue;
                }

                var sentAt = Clock.GetUtcNow();
                db.AddIntegrationEvent(
                    new CampaignEmailSent(campaign.Id, campaign.Name, contact.Id, recipient.MessageId, message.Subject ?? "", sentAt),
                    orderingKey: contact.Id.ToString());
                await FinishAsync(db, recipient.Id, RecipientStatus.Sent, null, sentAt, cancellationToken);
                await Task.Delay(gap, Clock, cancellationToken);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    private static Task<bool> IsStillSendingAsync(MarketingDbContext db, Guid campaignId, CancellationToken cancellationToken) =>
        db.Campaigns.AnyAsync(campaign => campaign.Id == campaignId && campaign.Status == CampaignStatus.Sending, cancellationToken);

    private async Task<bool> ClaimAsync(MarketingDbContext db, long recipientId, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        return await db.CampaignRecipients
            .Where(recipient => recipient.Id == recipientId && recipient.Status == RecipientStatus.Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, RecipientStatus.Sending).SetProperty(r => r.ClaimedAt, now), cancellationToken) == 1;
    }

    /// <summary>Records the outcome, together with any event added to the outbox, in one commit.</summary>
    private static async Task FinishAsync(
        MarketingDbContext db, long recipientId, RecipientStatus status, string? detail, DateTimeOffset? sentAt, CancellationToken cancellationToken)
    {
        var recipient = await db.CampaignRecipients.FirstAsync(candidate => candidate.Id == recipientId, cancellationToken);
        recipient.Status = status;
        recipient.Detail = detail is { Length: > 500 } ? detail[..500] : detail;
        recipient.SentAt = sentAt;
        // Not the request's token: once the server has the message, its outcome must be written even while stopping.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task CompleteIfDoneAsync(MarketingDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await db.Campaigns
            .Where(campaign => campaign.Id == campaignId && campaign.Status == CampaignStatus.Sending
                && !db.CampaignRecipients.Any(r => r.CampaignId == campaignId && (r.Status == RecipientStatus.Queued || r.Status == RecipientStatus.Sending)))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.CompletedAt, now), cancellationToken);
    }
}
