namespace Crm.Customers.Model.Valuation;

/// <summary>
/// How customers are rated and what each rating grants. A customer who has bought is rated by the value created (total
/// spend); a prospect by predicted value: its open pipeline weighted by each deal's probability, plus its lead score
/// times <see cref="ValuePerLeadScorePoint"/>.
/// </summary>
/// <param name="Grades">Best first, each from a minimum rated value; the last starts at 0 so every customer has a grade.</param>
public sealed record RatingRules(IReadOnlyList<RatingGrade> Grades, decimal ValuePerLeadScorePoint)
{
    public static RatingRules Default { get; } = new(
        [
            new RatingGrade("A", 50_000m, new CustomerTerms(100_000m, 60, "Priority")),
            new RatingGrade("B", 10_000m, new CustomerTerms(25_000m, 45, "High")),
            new RatingGrade("C", 1_000m, new CustomerTerms(5_000m, 30, "Normal")),
            new RatingGrade("D", 0m, new CustomerTerms(0m, 14, "Standard")),
        ],
        ValuePerLeadScorePoint: 50m);

    public RatingGrade GradeFor(decimal ratedValue) => Grades.FirstOrDefault(grade => ratedValue >= grade.MinValue) ?? Grades[^1];
}

public sealed record RatingGrade(string Grade, decimal MinValue, CustomerTerms Terms);

/// <param name="CreditLimit">In the value rules' currency; 0 means payment in advance.</param>
/// <param name="PaymentDays">Days the customer has to pay an invoice.</param>
/// <param name="ServicePriority">How support and account management treat the customer, e.g. Priority, High, Normal.</param>
public sealed record CustomerTerms(decimal CreditLimit, int PaymentDays, string ServicePriority);

public enum RatingBasis
{
    /// <summary>Rated by what the customer has bought.</summary>
    ValueCreated,

    /// <summary>A prospect, rated by open pipeline and lead score.</summary>
    PredictedValue,
}
