// A stand-in for a CRM service: it honours the contract the AppHost relies on (migrate mode, /health/ready)
// and shows the environment it was given, so tests can check the Aspire keys.
if (args is ["migrate"])
{
    var exitCode = int.Parse(Environment.GetEnvironmentVariable("Sample__MigrateExitCode") ?? "0");
    Console.WriteLine(exitCode == 0 ? "migrated" : "migration failed on purpose");
    return exitCode;
}

if (Environment.GetEnvironmentVariable("Sample__CrashOnStart") is { } crashCode)
{
    Console.Error.WriteLine("crashing on purpose");
    return int.Parse(crashCode);
}

var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/health/ready", () => "ready");
app.MapGet("/env", () => Environment.GetEnvironmentVariables()
    .Cast<System.Collections.DictionaryEntry>()
    .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value));
await app.RunAsync();
return 0;
