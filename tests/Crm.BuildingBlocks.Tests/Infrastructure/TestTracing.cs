using System.Diagnostics;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>Stands in for ASP.NET Core's request span in tests.</summary>
public static class TestTracing
{
    public const string SourceName = "Crm.BuildingBlocks.Tests";

    public static readonly ActivitySource Source = new(SourceName);
}
