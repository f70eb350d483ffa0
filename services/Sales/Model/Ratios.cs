namespace Crm.Sales.Model;

/// <summary>Rates and averages as reports show them: decimal, four places, and null where there is nothing to divide by.</summary>
public static class Ratios
{
    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    public static decimal? Average(decimal sum, int count) => count == 0 ? null : Math.Round(sum / count, 4, MidpointRounding.AwayFromZero);

    /// <summary>Reach of each stage of a funnel: how many items got at least that far (by position).</summary>
    public static IReadOnlyList<int> ReachedAtLeast(IEnumerable<int> furthestPositions, int stageCount)
    {
        var reached = new int[stageCount];
        foreach (var furthest in furthestPositions)
        {
            for (var position = 0; position <= Math.Min(furthest, stageCount - 1); position++)
            {
                reached[position]++;
            }
        }

        return reached;
    }
}
