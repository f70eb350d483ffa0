using Crm.Contracts.Marketing;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using Crm.Marketing.Scoring;
using Crm.Marketing.Segments;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

/// <summary>Behaviour reported by the website and surveys (with a marketer's or administrator's token), and each contact's history.</summary>
public static class BehaviourApi
{
    public static IEndpointRouteBuilder MapBehaviourApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(MarketingApi.Prefix).WithTags("Behaviour").RequireRoles(CrmRoles.Marketing);

        api.MapPost("/visits", RecordVisit)
            .WithValidation<WebVisitRequest>()
            .WithSummary("Records that a known contact visited a page (url, UTM tags). Publishes WebVisitRecorded.");
        api.MapPost("/survey-answers", RecordSurveyAnswer)
            .WithValidation<SurveyAnswerRequest>()
            .WithSummary("Records a contact's answer to a survey question. Publishes SurveyAnswered.");
        api.MapGet("/contacts/{id:guid}/behaviours", ListBehaviours)
            .WithSummary("A contact's opens, clicks, visits and survey answers, newest first; pass nextBefore back as before for the next page.");
        return app;
    }

    public static async Task<Results<Created<Behaviour>, ValidationProblem>> RecordVisit(
        WebVisitRequest request, MarketingDbContext db, LeadScorer scorer, LiveSegments live, JourneyEnroller journeys, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await UnknownContactAsync(db, request.ContactId!.Value, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var behaviour = new Behaviour
        {
            ContactId = request.ContactId.Value,
            Kind = BehaviourKind.Visited,
            Url = request.Url,
            UtmSource = request.UtmSource,
            UtmMedium = request.UtmMedium,
            UtmCampaign = request.UtmCampaign,
            OccurredAt = request.OccurredAt ?? clock.GetUtcNow(),
        };
        await scorer.RescoreAsync(behaviour.ContactId, behaviour, cancellationToken);
        db.Behaviours.Add(behaviour);
        db.AddIntegrationEvent(
            new WebVisitRecorded(behaviour.ContactId, behaviour.Url!, behaviour.UtmSource, behaviour.UtmMedium, behaviour.UtmCampaign, behaviour.OccurredAt),
            orderingKey: behaviour.ContactId.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await live.SaveAndRefreshAsync(behaviour.ContactId, cancellationToken);
        await journeys.EnrolAsync(behaviour.ContactId, JourneyTrigger.WebVisit, j => JourneyTriggers.MatchesVisit(j, behaviour.Url!), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"{MarketingApi.Prefix}/contacts/{behaviour.ContactId}/behaviours", behaviour);
    }

    public static async Task<Results<Created<Behaviour>, ValidationProblem>> RecordSurveyAnswer(
        SurveyAnswerRequest request, MarketingDbContext db, LeadScorer scorer, LiveSegments live, JourneyEnroller journeys, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await UnknownContactAsync(db, request.ContactId!.Value, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var behaviour = new Behaviour
        {
            ContactId = request.ContactId.Value,
            Kind = BehaviourKind.SurveyAnswered,
            SurveyId = request.SurveyId,
            Question = request.Question,
            Value = request.Value,
            OccurredAt = request.OccurredAt ?? clock.GetUtcNow(),
        };
        await scorer.RescoreAsync(behaviour.ContactId, behaviour, cancellationToken);
        db.Behaviours.Add(behaviour);
        db.AddIntegrationEvent(
            new SurveyAnswered(behaviour.ContactId, behaviour.SurveyId!, behaviour.Question!, behaviour.Value!, behaviour.OccurredAt),
            orderingKey: behaviour.ContactId.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await live.SaveAndRefreshAsync(behaviour.ContactId, cancellationToken);
        await journeys.EnrolAsync(behaviour.ContactId, JourneyTrigger.SurveyAnswered,
            j => JourneyTriggers.MatchesSurveyAnswer(j, behaviour.SurveyId!, behaviour.Value!), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"{MarketingApi.Prefix}/contacts/{behaviour.ContactId}/behaviours", behaviour);
    }

    public static async Task<Results<Ok<BehaviourPage>, NotFound, ValidationProblem>> ListBehaviours(
        Guid id, long? before, int? pageSize, MarketingDbContext db, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > PagingLimits.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = [$"Give 1 to {PagingLimits.MaxPageSize}."] });
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id && !c.IsDeleted, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var size = pageSize ?? PagingLimits.DefaultPageSize;
        var rows = await db.Behaviours.AsNoTracking()
            .Where(b => b.ContactId == id && (before == null || b.Id < before))
            .OrderByDescending(b => b.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        return TypedResults.Ok(new BehaviourPage(page, rows.Count > size ? page[^1].Id : null));
    }

    private static async Task<ValidationProblem?> UnknownContactAsync(MarketingDbContext db, Guid contactId, CancellationToken cancellationToken) =>
        await db.Customers.AnyAsync(c => c.Id == contactId && !c.IsDeleted, cancellationToken)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactId"] = [$"There is no contact {contactId}."] });
}
