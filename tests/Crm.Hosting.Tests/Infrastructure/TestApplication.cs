namespace Crm.Hosting.Tests.Infrastructure;

public static class TestApplication
{
    public static DistributedApplicationBuilder CreateBuilder(
        TestStateDirectory state, LogBuffer log, Action<DistributedApplicationOptions>? configure = null)
    {
        var options = new DistributedApplicationOptions
        {
            StateDirectory = state.FullPath,
            ForTests = true,
            LogSink = log.Write,
        };
        configure?.Invoke(options);
        return DistributedApplication.CreateBuilder(options);
    }
}
