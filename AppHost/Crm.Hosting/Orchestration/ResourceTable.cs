using System.Text;

namespace Crm.Hosting.Orchestration;

internal static class ResourceTable
{
    public const string GatewayName = "gateway";

    /// <summary>One row per resource, the gateway last because that is the URL people want.</summary>
    public static string Render(IEnumerable<Resource> resources)
    {
        var rows = resources
            .OrderBy(resource => resource.Name == GatewayName)
            .Select(resource => new[] { resource.Name, resource.TypeName, resource.State.ToString(), resource.DisplayEndpoint })
            .Prepend(["Resource", "Type", "State", "Endpoint"])
            .ToList();
        var widths = Enumerable.Range(0, 4).Select(column => rows.Max(row => row[column].Length)).ToArray();

        var table = new StringBuilder();
        foreach (var (row, index) in rows.Select((row, index) => (row, index)))
        {
            table.AppendLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
            if (index == 0)
            {
                table.AppendLine(string.Join("  ", widths.Select(width => new string('-', width))));
            }
        }

        return table.ToString();
    }
}
