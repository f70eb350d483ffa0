using Crm.Sales.Model;

namespace Crm.Sales.Tests;

public sealed class ForecastPeriodTests
{
    [Theory]
    [InlineData("2027-01-01", "month", "2027-01-01", "2027-01")]
    [InlineData("2027-03-31", "month", "2027-03-01", "2027-03")]
    [InlineData("2027-03-31", "quarter", "2027-01-01", "2027-Q1")]
    [InlineData("2027-04-01", "quarter", "2027-04-01", "2027-Q2")]
    [InlineData("2027-09-30", "quarter", "2027-07-01", "2027-Q3")]
    [InlineData("2027-12-31", "quarter", "2027-10-01", "2027-Q4")]
    public void A_date_falls_in_its_calendar_month_or_quarter(string date, string period, string start, string label)
    {
        var periodStart = ForecastPeriod.StartOf(DateOnly.Parse(date), period);

        periodStart.ShouldBe(DateOnly.Parse(start));
        ForecastPeriod.Label(periodStart, period).ShouldBe(label);
    }
}
