using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="CustomerId">
/// An existing customer to link to. Left out: the lead's own link (from marketing), else the customer whose e-mail is
/// the lead's, else a new customer the customer service creates from the <c>LeadConverted</c> event.
/// </param>
/// <param name="Kind">For a new customer: Company (default when the lead names a company) or Person.</param>
/// <param name="Opportunity">The deal to open with the customer; left out, none is opened.</param>
public sealed record ConvertLeadRequest(Guid? CustomerId, string? Kind, ConvertLeadOpportunity? Opportunity);

/// <param name="StageId">Default: the first open stage of the pipeline (the default pipeline when none is named).</param>
public sealed record ConvertLeadOpportunity(
    string? Name,
    decimal? Amount,
    string? Currency,
    DateOnly? ExpectedCloseDate,
    Guid? PipelineId,
    Guid? StageId,
    int? Probability);

public sealed class ConvertLeadRequestValidator : AbstractValidator<ConvertLeadRequest>
{
    public static readonly string[] Kinds = ["Company", "Person"];

    public ConvertLeadRequestValidator()
    {
        RuleFor(request => request.CustomerId).NotEqual(Guid.Empty);
        RuleFor(request => request.Kind).Must(kind => kind is null || Kinds.Contains(kind))
            .WithMessage("'kind' is Company or Person.");
        RuleFor(request => request.Opportunity!).ChildRules(opportunity =>
        {
            opportunity.RuleFor(o => o.Name).NotEmpty().MaximumLength(200);
            opportunity.RuleFor(o => o.Amount).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(19, 4, ignoreTrailingZeros: true);
            opportunity.RuleFor(o => o.Currency).NotEmpty().Matches("^[A-Z]{3}$")
                .WithMessage("'currency' is a three-letter ISO 4217 code such as EUR.");
            opportunity.RuleFor(o => o.ExpectedCloseDate).NotNull();
            opportunity.RuleFor(o => o.Probability).InclusiveBetween(0, 100);
        }).When(request => request.Opportunity is not null);
    }
}
