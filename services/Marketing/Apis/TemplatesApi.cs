using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Sending;
using Crm.ServiceDefaults.Authentication;
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
        api.MapGet("/{id:guid}", GetTemplate).WithSummary("Reads a template.");
        api.MapPost("/{id:guid}/preview", PreviewTemplate)
            .WithValidation<PreviewRequest>()
            .WithSummary("Renders the template for one contact, exactly as a campaign would send it.");
        return app;
    }

    public static async Task<Created<EmailTemplate>> CreateTemplate(
        CreateTemplateRequest request, MarketingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
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
        return TypedResults.Created($"{Prefix}/{template.Id}", template);
    }

    public static async Task<Results<Ok<EmailTemplate>, NotFound>> GetTemplate(Guid id, MarketingDbContext db, CancellationToken cancellationToken) =>
        await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is { } template
            ? TypedResults.Ok(template)
            : TypedResults.NotFound();

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
