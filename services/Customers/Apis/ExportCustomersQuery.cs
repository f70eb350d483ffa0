using Crm.Customers.Model;
using Crm.Customers.Model.Valuation;
using FluentValidation;

namespace Crm.Customers.Apis;

/// <param name="Format">csv (default) or xlsx.</param>
public sealed record ExportCustomersQuery(
    string? Format,
    string? Q,
    CustomerKind? Kind,
    string? Region,
    string? Industry,
    string? Source,
    Guid? OwnerId,
    Guid? CompanyId,
    string? Tag,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    ValueTier? Tier,
    LifecycleStage? Lifecycle,
    string? Grade) : ICustomerFilter
{
    public static readonly string[] Formats = ["csv", "xlsx"];

    public string FormatOrDefault => Format ?? "csv";
}

public sealed class ExportCustomersQueryValidator : AbstractValidator<ExportCustomersQuery>
{
    public ExportCustomersQueryValidator()
    {
        RuleFor(query => query.Format).Must(format => format is null || ExportCustomersQuery.Formats.Contains(format))
            .WithMessage($"'format' is one of {string.Join(", ", ExportCustomersQuery.Formats)}.");
        Include(new CustomerFilterValidator<ExportCustomersQuery>());
    }
}
