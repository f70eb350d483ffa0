using System.Globalization;

namespace Crm.Sales.Model;

/// <summary>Calendar months or quarters a forecast is cut into.</summary>
public static class ForecastPeriod
{
    public const string Month = "month";
    public const string Quarter = "quarter";

    /// <summary>The first day of the month or quarter <paramref name="date"/> falls in.</summary>
    public static DateOnly StartOf(DateOnly date, string period) =>
        period == Quarter ? new DateOnly(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1) : new DateOnly(date.Year, date.Month, 1);

    /// <summary>2027-03 for a month, 2027-Q1 for a quarter.</summary>
    public static string Label(DateOnly start, string period) =>
        period == Quarter
            ? string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}")
            : start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
