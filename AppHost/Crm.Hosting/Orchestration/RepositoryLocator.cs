namespace Crm.Hosting.Orchestration;

internal static class RepositoryLocator
{
    public const string SolutionFileName = "Crm.Aspire.sln";

    /// <summary>The nearest folder above the running binaries that holds the solution, or null outside a checkout.</summary>
    public static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
