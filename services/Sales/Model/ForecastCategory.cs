namespace Crm.Sales.Model;

/// <summary>How a stage's deals count in the forecast: commit ⊂ best case ⊂ pipeline; closed is won; omitted is lost.</summary>
public enum ForecastCategory
{
    Pipeline,
    BestCase,
    Commit,
    Closed,
    Omitted,
}
