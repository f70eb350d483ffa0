using System.Linq.Expressions;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

/// <summary>The customer's side of satisfaction surveys (anonymous, by signed link) and the statistics of the answers.</summary>
public static class SurveysApi
{
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        // The link in the survey mail is the customer's only credential: the token is signed and names one survey.
        var surveys = app.MapGroup($"{SupportApi.Prefix}/surveys").WithTags("Satisfaction").AllowAnonymous();
        surveys.MapGet("/{token}", ReadSurvey).WithSummary("Whether the survey of a link may still be answered (anonymous).");
        surveys.MapPost("/{token}", AnswerSurvey)
            .WithValidation<SurveyAnswerRequest>()
            .WithSummary("Answers a survey once: rating 1–5 and an optional comment (anonymous). 409 when answered, 404 for a link that is not ours, 410 when expired.");

        app.MapGet($"{SupportApi.Prefix}/satisfaction", Stats)
            .WithTags("Satisfaction")
            .WithValidation<SatisfactionStatsQuery>()
            .WithSummary("CSAT per agent, team, category or customer: answers, average and the count of each rating. Leads see their team's.")
            .RequireRoles(CrmRoles.Administrator, CrmRoles.SupportLead);
        return app;
    }

    public sealed record SurveyStatus(bool Answered, DateTimeOffset ExpiresAt);

    public static async Task<Results<Ok<SurveyStatus>, NotFound>> ReadSurvey(
        string token, SurveyTokens tokens, SupportDbContext db, CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(token, out var id, out _))
        {
            return TypedResults.NotFound();
        }

        var survey = await db.SatisfactionSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return survey is null ? TypedResults.NotFound() : TypedResults.Ok(new SurveyStatus(survey.AnsweredAt is not null, survey.ExpiresAt));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> AnswerSurvey(
        string token, SurveyAnswerRequest request, SurveyTokens tokens, SupportDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!tokens.TryRead(token, out var id, out var expiresAt))
        {
            return TypedResults.NotFound();
        }

        if (expiresAt <= now)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The survey has expired.",
                detail: "Survey links may be answered for a limited time after the ticket was resolved.");
        }

        var survey = await db.SatisfactionSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return TypedResults.NotFound();
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var rating = request.Rating!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on no answer yet: of two answers racing, exactly one is stored.
        var stored = await db.SatisfactionSurveys.Where(s => s.Id == id && s.AnsweredAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Rating, rating).SetProperty(s => s.Comment, comment).SetProperty(s => s.AnsweredAt, now),
                cancellationToken);
        if (stored == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey was answered already.",
                detail: "Each survey takes one answer.");
        }

        db.AddIntegrationEvent(new Crm.Contracts.Support.TicketSatisfactionRated(survey.Id, survey.TicketId, survey.CustomerId, rating, comment,
            survey.Category, survey.AgentId, survey.TeamId, now), orderingKey: survey.TicketId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<List<SatisfactionStatsRow>>> Stats(
        [AsParameters] SatisfactionStatsQuery query, CurrentUser caller, SupportDbContext db, CancellationToken cancellationToken)
    {
        var answered = db.SatisfactionSurveys.AsNoTracking().Where(s => s.AnsweredAt != null);
        if (query.From?.ToUniversalTime() is { } from)
        {
            answered = answered.Where(s => s.AnsweredAt >= from);
        }

        if (query.To?.ToUniversalTime() is { } to)
        {
            answered = answered.Where(s => s.AnsweredAt < to);
        }

        // A lead sees its own team's answers whatever it asks for.
        var team = caller.IsInRole(CrmRoles.Administrator) ? query.TeamId : caller.TeamId ?? Guid.Empty;
        if (team is { } teamId)
        {
            answered = answered.Where(s => s.TeamId == teamId);
        }

        var rows = query.GroupBy switch
        {
            "agent" => await GroupAsync(answered, s => s.AgentId, key => key?.ToString(), cancellationToken),
            "team" => await GroupAsync(answered, s => s.TeamId, key => key?.ToString(), cancellationToken),
            "customer" => await GroupAsync(answered, s => s.CustomerId, key => key.ToString(), cancellationToken),
            _ => await GroupAsync(answered, s => s.Category, key => key, cancellationToken),
        };
        return TypedResults.Ok(rows);
    }

    private static async Task<List<SatisfactionStatsRow>> GroupAsync<TKey>(
        IQueryable<SatisfactionSurvey> answered, Expression<Func<SatisfactionSurvey, TKey>> key, Func<TKey, string?> name,
        CancellationToken cancellationToken)
    {
        var groups = await answered.GroupBy(key).Select(group => new
        {
            group.Key,
            Answers = group.Count(),
            Average = group.Average(s => (double)s.Rating!.Value),
            Ones = group.Count(s => s.Rating == 1),
            Twos = group.Count(s => s.Rating == 2),
            Threes = group.Count(s => s.Rating == 3),
            Fours = group.Count(s => s.Rating == 4),
            Fives = group.Count(s => s.Rating == 5),
        }).ToListAsync(cancellationToken);
        return [.. groups
            .Select(g => new SatisfactionStatsRow(name(g.Key), g.Answers, Math.Round(g.Average, 2), [g.Ones, g.Twos, g.Threes, g.Fours, g.Fives]))
            .OrderByDescending(row => row.Answers).ThenBy(row => row.Key, StringComparer.Ordinal)];
    }
}
