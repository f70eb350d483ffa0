using Crm.Customers.Model.Valuation;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed class RatingRulesValidator : AbstractValidator<RatingRules>
{
    public const int MaxGradeLength = 20;

    public RatingRulesValidator()
    {
        RuleFor(rating => rating.Grades).NotEmpty().Must(grades => grades.Count <= 20).WithMessage("Between 1 and 20 grades.");
        RuleForEach(rating => rating.Grades).ChildRules(grade =>
        {
            grade.RuleFor(g => g.Grade).NotEmpty().MaximumLength(MaxGradeLength);
            grade.RuleFor(g => g.MinValue).GreaterThanOrEqualTo(0);
            grade.RuleFor(g => g.Terms).NotNull();
            grade.RuleFor(g => g.Terms.CreditLimit).GreaterThanOrEqualTo(0).When(g => g.Terms is not null);
            grade.RuleFor(g => g.Terms.PaymentDays).InclusiveBetween(0, 365).When(g => g.Terms is not null);
            grade.RuleFor(g => g.Terms.ServicePriority).NotEmpty().MaximumLength(50).When(g => g.Terms is not null);
        }).When(rating => rating.Grades is not null);
        RuleFor(rating => rating.Grades)
            .Must(grades => grades.Zip(grades.Skip(1)).All(pair => pair.First.MinValue > pair.Second.MinValue) && grades[^1].MinValue == 0)
            .WithMessage("List grades best first, each with a lower minValue than the one before, the last from 0, so every customer has one.")
            .Must(grades => grades.Select(g => g.Grade).Distinct(StringComparer.OrdinalIgnoreCase).Count() == grades.Count)
            .WithMessage("Grade names must differ.")
            .When(rating => rating.Grades is { Count: > 0 } && rating.Grades.All(g => g is not null));
        RuleFor(rating => rating.ValuePerLeadScorePoint).GreaterThanOrEqualTo(0);
    }
}
