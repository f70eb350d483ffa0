using System.Globalization;
using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <param name="Month">The month as yyyy-MM.</param>
public sealed record QuotaResponse(Guid UserId, string Month, string Currency, decimal Amount)
{
    public static QuotaResponse From(Quota quota) =>
        new(quota.UserId, quota.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), quota.Currency, quota.Amount);
}
