namespace Crm.Hosting.Tests.Infrastructure;

public static class SampleProject
{
    /// <summary>Relative to the repository root, as AppHosts name their projects.</summary>
    public const string Path = "tests/Crm.Hosting.Tests/SampleService/Crm.Hosting.SampleService.csproj";
}
