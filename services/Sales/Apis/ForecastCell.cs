using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <summary>
/// What one month contributes to a forecast in one currency (and for one owner when asked), per forecast category:
/// open deals (<paramref name="Won"/> false) with Σ amount × probability in percent, or won ones.
/// </summary>
public sealed record ForecastCell(
    DateOnly Month, string Currency, Guid? OwnerId, ForecastCategory Category, bool Won, int Count, decimal Amount, decimal AmountTimesPercent);
