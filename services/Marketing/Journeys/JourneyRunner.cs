using Crm.BuildingBlocks.Mail;
using Crm.Contracts.Marketing;
using Crm.Marketing.Consent;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Sending;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Marketing.Journeys;

/// <summary>
/// Moves enrolled people through their journeys (a background service in every replica). Each round claims due
/// enrolments with <c>FOR UPDATE SKIP LOCKED</c> (replicas take different rows) and stamps <c>claimed_at</c>; a claim
/// older than <see cref="MarketingOptions.ClaimTimeout"/> belongs to a runner that died and is taken over. A person's
/// steps run until a wait or the end. A mail is claimed as a <see cref="JourneyMessage"/> row (unique per enrolment and
/// step) before it goes to SMTP and marked Sent with its event in one commit afterwards; a runner that takes over and
/// finds the row still Sending records it Unconfirmed and moves on, so nothing is mailed twice (as for campaigns).
/// </summary>
public sealed class JourneyRunner(
    IServiceScopeFactory scopes, IMailSender mail, IOptions<MarketingOptions> options, TimeProvider clock, ILogger<JourneyRunner> logger)
    : PollingWorker(clock, logger)
{
    protected override TimeSpan PollInterval => options.Value.JourneyPollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        return false;
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        List<long> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await ClaimDueAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), cancellationToken);
        }

        if (claimed.Count == 0)
        {
            return;
        }

        var connection = new MailConnection();
        try
        {
            foreach (var enrolmentId in claimed)
            {
                await using var scope = scopes.CreateAsyncScope();
                await new Walk(scope.ServiceProvider, connection, mail, Clock).RunAsync(enrolmentId, cancellationToken);
            }
        }
        finally
        {
            if (connection.Session is not null)
            {
                await connection.Session.DisposeAsync();
            }
        }
    }

    private async Task<List<long>> ClaimDueAsync(MarketingDbContext db, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var abandoned = now - options.Value.ClaimTimeout;
        return await db.Database.SqlQuery<long>($"""
            UPDATE journey_enrolments SET claimed_at = {now}
            WHERE id IN (
                SELECT e.id FROM journey_enrolments e JOIN journeys j ON j.id = e.journey_id
                WHERE e.status = {nameof(EnrolmentStatus.Active)} AND j.status = {nameof(JourneyStatus.Active)} AND e.due_at <= {now}
                  AND (e.claimed_at IS NULL OR e.claimed_at < {abandoned})
                ORDER BY e.due_at
                LIMIT {options.Value.JourneyBatchSize}
                FOR UPDATE OF e SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    /// <summary>One SMTP connection for a round, opened at its first mail.</summary>
    private sealed class MailConnection
    {
        public IMailSession? Session { get; set; }
    }

    /// <summary>One person's steps from where they stand to the next wait or the end.</summary>
    private sealed class Walk(IServiceProvider services, MailConnection connection, IMailSender mail, TimeProvider Clock)
    {
        private readonly MarketingDbContext db = services.GetRequiredService<MarketingDbContext>();

        public async Task RunAsync(long enrolmentId, CancellationToken cancellationToken)
        {
            var enrolment = await db.JourneyEnrolments.FirstAsync(e => e.Id == enrolmentId, cancellationToken);
            var journey = await db.Journeys.AsNoTracking().FirstAsync(j => j.Id == enrolment.JourneyId, cancellationToken);
            var steps = journey.Plan;
            // Forward-only steps: a walk visits each step at most once, so this bound is never the reason it stops.
            for (var guard = 0; guard <= steps.Count && enrolment.Status == EnrolmentStatus.Active; guard++)
            {
                var now = Clock.GetUtcNow();
                if (enrolment.StepIndex >= steps.Count)
                {
                    End(enrolment, EnrolmentStatus.Completed, null, now);
                    break;
                }

                var step = steps[enrolment.StepIndex];
                if (step.Kind == JourneyStepKind.Wait)
                {
                    enrolment.StepIndex++;
                    enrolment.DueAt = now + TimeSpan.FromMinutes(step.WaitMinutes!.Value);
                    enrolment.ClaimedAt = null;
                    break;
                }

                if (step.Kind == JourneyStepKind.Branch)
                {
                    enrolment.StepIndex = JourneyPlan.Next(steps, enrolment.StepIndex, await OutcomeOfLastMailAsync(enrolment.Id, cancellationToken));
                    continue;
                }

                await MailAsync(journey, enrolment, step, cancellationToken);
            }

            if (enrolment.Status != EnrolmentStatus.Active)
            {
                enrolment.ClaimedAt = null;
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        private async Task MailAsync(Journey journey, JourneyEnrolment enrolment, JourneyStep step, CancellationToken cancellationToken)
        {
            var now = Clock.GetUtcNow();
            var earlier = await db.JourneyMessages.FirstOrDefaultAsync(
                m => m.EnrolmentId == enrolment.Id && m.StepIndex == enrolment.StepIndex, cancellationToken);
            if (earlier is not null)
            {
                // A runner died after claiming this mail: the server may have it. Never sent twice.
                if (earlier.Status == RecipientStatus.Sending)
                {
                    earlier.Status = RecipientStatus.Unconfirmed;
                    earlier.Detail = "the runner stopped during the send; not sent again to avoid a duplicate";
                }

                enrolment.StepIndex++;
                return;
            }

            if (await services.GetRequiredService<MailingPolicy>().CheckAsync(enrolment.ContactId, cancellationToken) is { } refusal)
            {
                if (refusal.Final)
                {
                    End(enrolment, EnrolmentStatus.Exited, refusal.Reason, now);
                    return;
                }

                db.JourneyMessages.Add(NewMessage(journey, enrolment, step, now, RecipientStatus.Skipped, refusal.Reason));
                enrolment.StepIndex++;
                return;
            }

            var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == step.TemplateId, cancellationToken);
            var contact = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == enrolment.ContactId, cancellationToken);
            var message = NewMessage(journey, enrolment, step, now, RecipientStatus.Sending, null);
            MimeKit.MimeMessage mime;
            try
            {
                mime = services.GetRequiredService<MailComposer>().Compose(journey, message,
                    template ?? throw new InvalidOperationException($"template {step.TemplateId} no longer exists"), contact);
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException)
            {
                // A template that fails for this person must not hold up the journey.
                message.Status = RecipientStatus.Failed;
                message.Detail = Truncate($"the template failed: {e.Message}");
                db.JourneyMessages.Add(message);
                enrolment.StepIndex++;
                return;
            }

            var session = connection.Session ??= await mail.ConnectAsync(cancellationToken);
            // The claim is committed before the send: whoever finds it later knows the server may have the mail.
            db.JourneyMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            try
            {
                await session.SendAsync(mime, cancellationToken);
            }
            catch (SmtpCommandException refused)
            {
                message.Detail = Truncate($"{(int)refused.StatusCode} {refused.Message}");
                message.Status = BounceRecorder.IsHardBounce(refused) ? RecipientStatus.Bounced : RecipientStatus.Failed;
                enrolment.StepIndex++;
                if (message.Status == RecipientStatus.Bounced)
                {
                    await services.GetRequiredService<BounceRecorder>().RecordRefusalAsync(
                        await db.Customers.FirstAsync(c => c.Id == contact.Id, cancellationToken), null, journey.Id, message.MessageId, message.Detail,
                        cancellationToken);
                    End(enrolment, EnrolmentStatus.Exited, "bounced", now);
                }

                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }

            message.Status = RecipientStatus.Sent;
            message.SentAt = Clock.GetUtcNow();
            enrolment.StepIndex++;
            db.AddIntegrationEvent(
                new CampaignEmailSent(journey.Id, journey.Name, contact.Id, message.MessageId, mime.Subject ?? "", message.SentAt.Value),
                orderingKey: contact.Id.ToString());
            // Not the caller's token: once the server has the mail, its outcome must be written even while stopping.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        private async Task<MailOutcome> OutcomeOfLastMailAsync(long enrolmentId, CancellationToken cancellationToken)
        {
            var last = await db.JourneyMessages.AsNoTracking()
                .Where(m => m.EnrolmentId == enrolmentId && m.Status == RecipientStatus.Sent)
                .OrderByDescending(m => m.StepIndex)
                .Select(m => new { m.OpenedAt, m.ClickedAt })
                .FirstOrDefaultAsync(cancellationToken);
            return last?.ClickedAt is not null ? MailOutcome.Clicked : last?.OpenedAt is not null ? MailOutcome.Opened : MailOutcome.Neither;
        }

        private static JourneyMessage NewMessage(
            Journey journey, JourneyEnrolment enrolment, JourneyStep step, DateTimeOffset now, RecipientStatus status, string? detail) => new()
        {
            Id = Guid.CreateVersion7(now),
            JourneyId = journey.Id,
            EnrolmentId = enrolment.Id,
            ContactId = enrolment.ContactId,
            StepIndex = enrolment.StepIndex,
            TemplateId = step.TemplateId!.Value,
            Status = status,
            MessageId = MailComposer.MessageIdFor(journey.Id, enrolment.Id, enrolment.StepIndex),
            ClaimedAt = now,
            Detail = detail,
        };

        private static void End(JourneyEnrolment enrolment, EnrolmentStatus status, string? reason, DateTimeOffset now)
        {
            enrolment.Status = status;
            enrolment.ExitReason = reason is null ? null : Truncate(reason);
            enrolment.EndedAt = now;
        }

        private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
    }
}
