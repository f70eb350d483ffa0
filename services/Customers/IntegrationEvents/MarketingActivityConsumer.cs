using Crm.Contracts.Marketing;
using Crm.Customers.Infrastructure;
using MassTransit;

namespace Crm.Customers.IntegrationEvents;

/// <summary>Campaign mail, opens, clicks, web visits, survey answers, unsubscribes and lead score changes reach the customer's timeline.</summary>
public sealed class MarketingActivityConsumer(CustomersDbContext db) :
    IConsumer<CampaignEmailSent>, IConsumer<EmailOpened>, IConsumer<EmailClicked>, IConsumer<WebVisitRecorded>,
    IConsumer<SurveyAnswered>, IConsumer<ContactUnsubscribed>, IConsumer<LeadScoreChanged>
{
    private const string Marketing = "marketing";

    public Task Consume(ConsumeContext<CampaignEmailSent> context)
    {
        var sent = context.Message;
        return AddAsync(context, sent.ContactId, sent.OccurredAt, "email.sent", $"Campaign e-mail sent: {sent.Subject}",
            new { sent.CampaignId, sent.CampaignName, sent.MessageId });
    }

    public Task Consume(ConsumeContext<EmailOpened> context)
    {
        var opened = context.Message;
        return AddAsync(context, opened.ContactId, opened.OccurredAt, "email.opened", $"Opened the campaign e-mail \"{opened.CampaignName}\"",
            new { opened.CampaignId, opened.CampaignName });
    }

    public Task Consume(ConsumeContext<EmailClicked> context)
    {
        var clicked = context.Message;
        return AddAsync(context, clicked.ContactId, clicked.OccurredAt, "email.clicked", $"Clicked {clicked.Url} in \"{clicked.CampaignName}\"",
            new { clicked.CampaignId, clicked.CampaignName, clicked.Url });
    }

    public Task Consume(ConsumeContext<WebVisitRecorded> context)
    {
        var visit = context.Message;
        return AddAsync(context, visit.ContactId, visit.OccurredAt, "web.visited", $"Visited {visit.Url}",
            new { visit.Url, visit.UtmSource, visit.UtmMedium, visit.UtmCampaign });
    }

    public Task Consume(ConsumeContext<SurveyAnswered> context)
    {
        var answer = context.Message;
        return AddAsync(context, answer.ContactId, answer.OccurredAt, "survey.answered", $"Answered \"{answer.Question}\": {answer.Value}",
            new { answer.SurveyId, answer.Question, answer.Value });
    }

    public Task Consume(ConsumeContext<ContactUnsubscribed> context)
    {
        var unsubscribed = context.Message;
        return AddAsync(context, unsubscribed.ContactId, unsubscribed.OccurredAt, "marketing.unsubscribed", "Unsubscribed from marketing e-mail",
            new { unsubscribed.CampaignId, unsubscribed.Channel });
    }

    public Task Consume(ConsumeContext<LeadScoreChanged> context)
    {
        var changed = context.Message;
        return AddAsync(context, changed.ContactId, changed.OccurredAt, "lead.score_changed",
            $"Lead score {changed.PreviousScore} → {changed.Score}: {changed.Reason}", new { changed.PreviousScore, changed.Score, changed.Reason });
    }

    private async Task AddAsync<T>(ConsumeContext<T> context, Guid customerId, DateTimeOffset at, string kind, string summary, object details)
        where T : class
    {
        db.AddTimelineEntry(customerId, at, kind, summary, details, service: Marketing);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
