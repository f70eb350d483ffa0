using Crm.Marketing.Sending;
using FluentValidation;

namespace Crm.Marketing.Apis;

/// <param name="Subject">Liquid, e.g. "Hello {{ first_name }}".</param>
/// <param name="HtmlBody">Liquid; values are HTML-encoded. An unsubscribe footer is always added.</param>
/// <param name="TextBody">Liquid; the plain-text part.</param>
public sealed record CreateTemplateRequest(string? Name, string? Subject, string? HtmlBody, string? TextBody);

public sealed class CreateTemplateRequestValidator : AbstractValidator<CreateTemplateRequest>
{
    public const int MaxBodyLength = 200_000;

    public CreateTemplateRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Subject).NotEmpty().MaximumLength(500).Must(Parses).WithMessage(Problem);
        RuleFor(request => request.HtmlBody).NotEmpty().MaximumLength(MaxBodyLength).Must(Parses).WithMessage(Problem);
        RuleFor(request => request.TextBody).NotEmpty().MaximumLength(MaxBodyLength).Must(Parses).WithMessage(Problem);
    }

    private static bool Parses(string? source) => source is null || TemplateRenderer.Check(source) is null;

    private static string Problem(CreateTemplateRequest request, string? source) =>
        $"The template does not parse: {TemplateRenderer.Check(source ?? "")}";
}
