using System.Net;
using System.Net.Sockets;
using Crm.Hosting.Tests.Infrastructure;

namespace Crm.Hosting.Tests;

public sealed class AppHostProcessTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Crm_AppHost_stops_every_process_it_started_and_exits_0_on_SIGTERM()
    {
        var ct = TestContext.Current.CancellationToken;
        var gatewayPort = FreePort();
        await using var appHost = AppHostProcess.StartCrm(state.FullPath, gatewayPort, log);

        (await appHost.WaitUntilUpAsync(ct)).ShouldBe($"CRM is up: gateway at http://127.0.0.1:{gatewayPort}");
        var started = OwnedProcesses.Of(state.FullPath);
        started.Count.ShouldBeGreaterThanOrEqualTo(11, "postgres, epmd, rabbitmq, redis, the mail catcher, identity, four services and the gateway");
        var output = appHost.Output.ToList();
        var upLine = output.FindIndex(line => line.StartsWith("CRM is up", StringComparison.Ordinal));
        var header = output.FindLastIndex(upLine, line => line.StartsWith("Resource ", StringComparison.Ordinal));
        var rows = output[(header + 2)..(upLine - 1)];
        rows.Count.ShouldBe(15, "5 databases and their server, the broker, the cache, the mail catcher, identity, 4 services and the gateway");
        rows.ShouldAllBe(row => row.Contains(" Running ", StringComparison.Ordinal));
        rows[^1].ShouldStartWith("gateway ");
        output[upLine + 1].ShouldStartWith($"Sign in at http://127.0.0.1:{gatewayPort}/docs as admin@crm.local with password ");

        appHost.Terminate();

        (await appHost.WaitForExitAsync(ct)).ShouldBe(0);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    [Fact]
    public async Task AppHost_started_after_a_SIGKILLed_one_stops_the_servers_it_left_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        var gatewayPort = FreePort();
        List<string> orphans;
        await using (var killed = AppHostProcess.StartSample(state.FullPath, gatewayPort, log))
        {
            await killed.WaitUntilUpAsync(ct);
            killed.KillAppHostOnly();
            await killed.WaitForExitAsync(ct);
            orphans = OwnedProcesses.Of(state.FullPath);
            orphans.ShouldNotBeEmpty();
        }

        await using var next = AppHostProcess.StartSample(state.FullPath, gatewayPort, log);
        await next.WaitUntilUpAsync(ct);

        next.Output.ShouldContain(line => line.Contains("left running by an earlier AppHost", StringComparison.Ordinal));
        OwnedProcesses.Of(state.FullPath).Intersect(orphans).ShouldBeEmpty();
        next.Terminate();
        (await next.WaitForExitAsync(ct)).ShouldBe(0);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    [Fact]
    public async Task AppHost_exits_1_with_one_clear_line_when_postgres_is_missing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var appHost = AppHostProcess.StartSample(state.FullPath, FreePort(), log, "--AppHost:Binaries:PostgresRoot=/nonexistent");

        (await appHost.WaitForExitAsync(ct)).ShouldBe(1);

        appHost.Errors.ShouldBe(["PostgreSQL is not installed: run 'apt-get install -y postgresql' (looked for /nonexistent/<version>/bin/postgres)"]);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    public void Dispose() => state.Dispose();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
