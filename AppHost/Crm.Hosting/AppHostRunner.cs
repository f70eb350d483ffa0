namespace Crm.Hosting;

/// <summary>The end of an AppHost's Program.cs: run until stopped, and turn known failures into one clear message.</summary>
public static class AppHostRunner
{
    /// <returns>0 after a normal stop (Ctrl+C, SIGTERM, SIGHUP); 1 when a server is missing or a resource failed to start.</returns>
    public static async Task<int> RunAsync(DistributedApplicationBuilder builder)
    {
        try
        {
            await using var app = builder.Build();
            await app.RunAsync();
            return 0;
        }
        catch (HostingException e)
        {
            // The message says what to do; a stack trace would only bury it.
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
