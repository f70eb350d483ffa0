namespace Crm.Contracts.Customers;

/// <summary>
/// A customer's rating moved to another grade, and with it the terms the administrator set for that grade. Sales can
/// check credit and payment terms on new deals; support can weigh the service priority. A new customer starts in the
/// lowest grade without this event.
/// </summary>
/// <param name="Basis">ValueCreated (rated by purchases) or PredictedValue (a prospect: open pipeline and lead score).</param>
/// <param name="RatedValue">The value the grade was chosen by, in <paramref name="Currency"/>.</param>
/// <param name="CreditLimit">In <paramref name="Currency"/>; 0 means payment in advance.</param>
public sealed record CustomerRatingChanged(
    Guid CustomerId,
    string Grade,
    string? PreviousGrade,
    string Basis,
    decimal RatedValue,
    decimal CreditLimit,
    string Currency,
    int PaymentDays,
    string ServicePriority,
    DateTimeOffset OccurredAt);
