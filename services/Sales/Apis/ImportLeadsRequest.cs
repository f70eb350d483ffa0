using FluentValidation;

namespace Crm.Sales.Apis;

/// <summary>Leads brought in from a list (a trade fair, a purchased list): each as on create; all are created or none.</summary>
public sealed record ImportLeadsRequest(IReadOnlyList<LeadRequest>? Leads)
{
    public const int MaxLeads = 1000;
}

public sealed record ImportLeadsResponse(int Created, IReadOnlyList<Guid> Ids);

public sealed class ImportLeadsRequestValidator : AbstractValidator<ImportLeadsRequest>
{
    public ImportLeadsRequestValidator()
    {
        RuleFor(request => request.Leads).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(leads => leads!.Count <= ImportLeadsRequest.MaxLeads).WithMessage($"At most {ImportLeadsRequest.MaxLeads} leads per import.");
        RuleForEach(request => request.Leads).NotNull().SetValidator(new LeadRequestValidator());
    }
}
