using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.BuildingBlocks.Hosting;
using Crm.BuildingBlocks.Mail;
using Crm.Contracts.Marketing;
using Crm.Marketing.Consent;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Sending;

/// <summary>
/// Sends campaigns in the background, throttled to each campaign's rate, over <see cref="MarketingOptions.SenderConnections"/>
/// SMTP connections at once. Each connection claims a chunk of recipients (Queued → Sending, SKIP LOCKED, so replicas
/// and connections take different rows), asks the mailing policy about the whole chunk, sends its mails one after the
/// other over the open connection and records every outcome with its <see cref="CampaignEmailSent"/> event in one
/// commit. A sender that dies before that commit leaves the chunk's rows Sending; after
/// <see cref="MarketingOptions.ClaimTimeout"/> they become Unconfirmed and are never sent again. Rows of the chunk not
/// yet handed to the server when a send fails or the service stops go back to Queued. Everything else (queued rows,
/// pauses, schedules) lives in the database, so a restart resumes where it stopped.
/// </summary>
public sealed class CampaignSender(
    IServiceScopeFactory scopes, IMailSender mail, IOptions<MarketingOptions> options, TimeProvider clock, ILogger<CampaignSender> logger)
    : PollingWorker(clock, logger)
{
    /// <summary>How long one campaign keeps the sender before the next campaign gets its turn (real time, not the service clock).</summary>
    private static readonly TimeSpan Turn = TimeSpan.FromSeconds(10);

    /// <summary>Each sending campaign's pacer, kept from turn to turn so a new turn does not restart the rate.</summary>
    private readonly ConcurrentDictionary<Guid, SendPacer> pacers = new();

    protected override TimeSpan PollInterval => options.Value.SenderPollInterval;

    /// <returns>True when a campaign's turn ended with mail still waiting.</returns>
    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
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
        foreach (var finished in pacers.Keys.Except(sending))
        {
            pacers.TryRemove(finished, out _);
        }

        var moreWaiting = false;
        foreach (var campaignId in sending)
        {
            moreWaiting |= await SendCampaignAsync(campaignId, cancellationToken);
        }

        return moreWaiting;
    }

    /// <returns>True when the campaign's turn ended before its queue did.</returns>
    private async Task<bool> SendCampaignAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(candidate => candidate.Id == campaignId, cancellationToken);
        if (!campaign.RecipientsQueued)
        {
            await scope.ServiceProvider.GetRequiredService<RecipientQueue>().QueueAsync(campaign, cancellationToken);
        }

        var template = await db.Templates.AsNoTracking().FirstAsync(candidate => candidate.Id == campaign.TemplateId, cancellationToken);
        CompiledTemplate? compiled = null;
        string? templateError = null;
        try
        {
            compiled = TemplateRenderer.Compile(template);
        }
        catch (InvalidOperationException e)
        {
            // Every recipient is then recorded as Failed with this reason, as they would be one by one.
            templateError = e.Message;
        }

        // The rate cannot change once a campaign sends (it is edited only as a draft or scheduled).
        var pacer = pacers.GetOrAdd(campaign.Id, _ => new SendPacer(campaign.RatePerMinute, Clock));
        var turnEnds = Stopwatch.GetTimestamp() + (long)(Turn.TotalSeconds * Stopwatch.Frequency);
        var chunkSize = pacer.ChunkSize(options.Value.SenderChunkSize);
        var connections = Enumerable.Range(0, Math.Max(1, options.Value.SenderConnections))
            .Select(_ => new Connection(scopes, mail, Clock, campaign, compiled, templateError, pacer, chunkSize, turnEnds).SendAsync(cancellationToken));
        var turnEnded = (await Task.WhenAll(connections)).Any(ended => ended);

        await CompleteIfDoneAsync(db, campaignId, cancellationToken);
        return turnEnded;
    }

    private async Task CompleteIfDoneAsync(MarketingDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await db.Campaigns
            .Where(campaign => campaign.Id == campaignId && campaign.Status == CampaignStatus.Sending
                && !db.CampaignRecipients.Any(r => r.CampaignId == campaignId && (r.Status == RecipientStatus.Queued || r.Status == RecipientStatus.Sending)))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.CompletedAt, now), cancellationToken);
    }

    /// <summary>One SMTP connection's share of a campaign's turn: chunk after chunk until the queue, the campaign or the turn ends.</summary>
    private sealed class Connection(
        IServiceScopeFactory scopes, IMailSender mail, TimeProvider clock,
        Campaign campaign, CompiledTemplate? template, string? templateError, SendPacer pacer, int chunkSize, long turnEnds)
    {
        private IMailSession? session;

        /// <returns>True when the turn ended while mail was due, so the next round should start at once.</returns>
        public async Task<bool> SendAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<MarketingDbContext>();
            try
            {
                while (Stopwatch.GetTimestamp() < turnEnds)
                {
                    // A slow campaign's next slot may lie beyond the turn: nothing is due now, and other campaigns go on.
                    if (!await pacer.WaitForTurnAsync(chunkSize, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), turnEnds), cancellationToken))
                    {
                        return false;
                    }

                    // Nothing claimed: the queue is empty, or the campaign was paused or cancelled (what is not claimed stays Queued).
                    var chunk = await ClaimAsync(db, chunkSize, cancellationToken);
                    if (chunk.Count == 0)
                    {
                        return false;
                    }

                    await SendChunkAsync(services, db, chunk, cancellationToken);
                    db.ChangeTracker.Clear();
                }

                return true;
            }
            finally
            {
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }
        }

        private async Task<List<CampaignRecipient>> ClaimAsync(MarketingDbContext db, int size, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            // Only while the campaign is Sending, checked in the same statement: pause and cancel take effect before the next chunk.
            var claimed = await db.CampaignRecipients.FromSql($"""
                UPDATE campaign_recipients SET status = 'Sending', claimed_at = {now}
                WHERE id IN (SELECT id FROM campaign_recipients
                             WHERE campaign_id = {campaign.Id} AND status = 'Queued'
                               AND EXISTS (SELECT 1 FROM campaigns WHERE id = {campaign.Id} AND status = 'Sending')
                             ORDER BY id LIMIT {size} FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).ToListAsync(cancellationToken);
            return [.. claimed.OrderBy(recipient => recipient.Id)];
        }

        /// <summary>Sends a claimed chunk and records every outcome, with the events, in one commit.</summary>
        private async Task SendChunkAsync(IServiceProvider services, MarketingDbContext db, List<CampaignRecipient> chunk, CancellationToken cancellationToken)
        {
            var contactIds = chunk.Select(recipient => recipient.ContactId).ToList();
            var contacts = await db.Customers.AsNoTracking()
                .Where(customer => contactIds.Contains(customer.Id))
                .ToDictionaryAsync(customer => customer.Id, cancellationToken);
            var refusals = await services.GetRequiredService<MailingPolicy>().CheckAsync(contactIds, contacts, cancellationToken);
            var composer = services.GetRequiredService<MailComposer>();
            var handedOver = new HashSet<long>();
            try
            {
                foreach (var recipient in chunk)
                {
                    if (refusals.TryGetValue(recipient.ContactId, out var refusal))
                    {
                        Finish(recipient, RecipientStatus.Skipped, refusal.Reason, null);
                        continue;
                    }

                    var contact = contacts[recipient.ContactId];
                    MimeKit.MimeMessage message;
                    try
                    {
                        message = composer.Compose(campaign, template ?? throw new InvalidOperationException(templateError), contact, recipient.MessageId);
                    }
                    catch (Exception e) when (e is InvalidOperationException or FileNotFoundException)
                    {
                        // A template that fails for this contact's values must not stall the campaign.
                        Finish(recipient, RecipientStatus.Failed, $"the template failed: {e.Message}", null);
                        continue;
                    }

                    session ??= await mail.ConnectAsync(cancellationToken);
                    try
                    {
                        handedOver.Add(recipient.Id);
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

                        Finish(recipient, bounced ? RecipientStatus.Bounced : RecipientStatus.Failed, detail, null);
                        continue;
                    }

                    var sentAt = clock.GetUtcNow();
                    db.AddIntegrationEvent(
                        new CampaignEmailSent(campaign.Id, campaign.Name, contact.Id, recipient.MessageId, message.Subject ?? "", sentAt),
                        orderingKey: contact.Id.ToString());
                    Finish(recipient, RecipientStatus.Sent, null, sentAt);
                }
            }
            finally
            {
                // Stopping or a broken connection: what never reached the server is queued again. A row handed over
                // without an answer stays Sending (the server may have it) and becomes Unconfirmed.
                foreach (var recipient in chunk.Where(r => r.Status == RecipientStatus.Sending && !handedOver.Contains(r.Id)))
                {
                    recipient.Status = RecipientStatus.Queued;
                    recipient.ClaimedAt = null;
                }

                // Not the request's token: once the server has the messages, their outcome must be written even while stopping.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }

        private static void Finish(CampaignRecipient recipient, RecipientStatus status, string? detail, DateTimeOffset? sentAt)
        {
            recipient.Status = status;
            recipient.Detail = detail is { Length: > 500 } ? detail[..500] : detail;
            recipient.SentAt = sentAt;
        }
    }
}
