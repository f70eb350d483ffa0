using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Sending;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

public static class TemplatesApi
{
    public const string Prefix = $"{MarketingApi.Prefix}/templates";

    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Templates").RequireRoles(CrmRoles.Marketing);

        api.MapPost("/", CreateTemplate)
            .WithValidation<CreateTemplateRequest>()
            .WithSummary("Saves a template (Liquid: {{ first_name }}, {{ name }}, {{ email }}, {{ region }}, {{ unsubscribe_url }}, ...). A template that does not parse is a 400 naming the part.");
        api.MapGet("/{id:guid}", GetTemplate).WithSummary("Reads a template; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateTemplate)
            .WithValidation<CreateTemplateRequest>()
            .WithSummary("Replaces a template's name, subject and bodies. Needs If-Match (428 without, 412 when stale); 409 while a campaign using it is sending or paused.");
        api.MapPost("/{id:guid}/preview", PreviewTemplate)
            .WithValidation<PreviewRequest>()
            .WithSummary("Renders the template for one contact, exactly as a campaign would send it.");
        return app;
    }

    public static async Task<Created<EmailTemplate>> CreateTemplate(
        CreateTemplateRequest request, MarketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var template = new EmailTemplate
        {
            Id = Guid.CreateVersion7(now),
            Name = request.Name!,
            Subject = request.Subject!,
            HtmlBody = request.HtmlBody!,
            TextBody = request.TextBody!,
            CreatedAt = now,
        };
        db.Templates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.From(template.Version);
        return TypedResults.Created($"{Prefix}/{template.Id}", template);
    }

    public static async Task<Results<Ok<EmailTemplate>, NotFound>> GetTemplate(Guid id, MarketingDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(template.Version);
        return TypedResults.Ok(template);
    }

    public static async Task<Results<Ok<EmailTemplate>, NotFound, ProblemHttpResult>> UpdateTemplate(
        Guid id, CreateTemplateRequest request, MarketingDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return TypedResults.NotFound();
        }

        if (template.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        // Recipients of one campaign get the same mail; a change halfway through would split them.
        if (await db.Campaigns.AnyAsync(c => c.TemplateId == id && (c.Status == CampaignStatus.Sending || c.Status == CampaignStatus.Paused), cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A campaign is sending this template.",
                detail: "A template cannot change while a campaign that uses it is sending or paused; wait until it completes, or copy the template.");
        }

        template.Name = request.Name!;
        template.Subject = request.Subject!;
        template.HtmlBody = request.HtmlBody!;
        template.TextBody = request.TextBody!;
        template.UpdatedAt = clock.GetUtcNow();
        db.Entry(template).Property(t => t.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        http.Response.Headers.ETag = ETags.From(template.Version);
        return TypedResults.Ok(template);
    }

    public static async Task<Results<Ok<RenderedMail>, NotFound, ValidationProblem>> PreviewTemplate(
        Guid id, PreviewRequest request, MarketingDbContext db, MailComposer composer, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return TypedResults.NotFound();
        }

        var contact = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.ContactId && !c.IsDeleted, cancellationToken);
        return contact is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactId"] = [$"There is no contact {request.ContactId}."] })
            : TypedResults.Ok(composer.Render(template, contact, null, null));
    }
}
