using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;
using Crm.Marketing.Sending;
using Crm.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

public static class SegmentsApi
{
    public const string Prefix = $"{MarketingApi.Prefix}/segments";
    private const int SampleSize = 10;

    public static IEndpointRouteBuilder MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Segments").RequireRoles(CrmRoles.Marketing);

        api.MapPost("/preview", PreviewSegment)
            .WithSummary("Counts who the rules select now and shows up to ten of them, without saving. A bad rule is a 400 naming its path (rules.and[1].op).");
        api.MapPost("/", CreateSegment)
            .WithSummary("Saves a segment. A bad rule is a 400 naming its path.");
        api.MapGet("/{id:guid}", GetSegment).WithSummary("Reads a segment and its rules.");
        api.MapPost("/{id:guid}/evaluate", EvaluateSegment)
            .WithSummary("Evaluates the saved rules against every contact now: count and sample.");
        return app;
    }

    public static async Task<Results<Ok<SegmentPreview>, ValidationProblem>> PreviewSegment(
        SegmentRequest request, MarketingDbContext db, SegmentEvaluator evaluator, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var rule = SegmentRuleParser.Parse(request.Rules, "rules", errors);
        return rule is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await PreviewAsync(evaluator, rule, clock, cancellationToken));
    }

    public static async Task<Results<Created<SegmentResponse>, ValidationProblem>> CreateSegment(
        SegmentRequest request, MarketingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["Give a name of 1 to 200 characters."];
        }

        if (SegmentRuleParser.Parse(request.Rules, "rules", errors) is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var segment = new Segment { Id = Guid.CreateVersion7(now), Name = request.Name!, Rules = request.Rules!.ToJsonString(), CreatedAt = now };
        db.Segments.Add(segment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Prefix}/{segment.Id}", SegmentResponse.From(segment));
    }

    public static async Task<Results<Ok<SegmentResponse>, NotFound>> GetSegment(Guid id, MarketingDbContext db, CancellationToken cancellationToken) =>
        await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } segment
            ? TypedResults.Ok(SegmentResponse.From(segment))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<SegmentPreview>, NotFound>> EvaluateSegment(
        Guid id, MarketingDbContext db, SegmentEvaluator evaluator, TimeProvider clock, CancellationToken cancellationToken)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return segment is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await PreviewAsync(evaluator, SegmentRuleParser.Parse(System.Text.Json.Nodes.JsonNode.Parse(segment.Rules), "rules", [])!, clock, cancellationToken));
    }

    private static async Task<SegmentPreview> PreviewAsync(SegmentEvaluator evaluator, SegmentRule rule, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var count = 0;
        var sample = new List<SegmentMember>();
        await foreach (var contact in evaluator.ContactsAsync(cancellationToken))
        {
            if (rule.Matches(contact, now))
            {
                count++;
                if (sample.Count < SampleSize)
                {
                    sample.Add(new SegmentMember(contact.Id, contact.Name, contact.Email));
                }
            }
        }

        return new SegmentPreview(count, sample);
    }
}
