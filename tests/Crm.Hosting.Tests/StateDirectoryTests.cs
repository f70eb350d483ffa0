using Crm.Hosting.Tests.Infrastructure;

namespace Crm.Hosting.Tests;

public sealed class StateDirectoryTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Wipe_argument_starts_from_an_empty_state_folder()
    {
        var leftover = Path.Combine(state.FullPath, "cache", "leftover");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        await File.WriteAllTextAsync(leftover, "old data", TestContext.Current.CancellationToken);
        var builder = TestApplication.CreateBuilder(state, log, options => options.Args = ["--wipe"]);
        builder.AddRedis("cache");
        await using var app = builder.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);

        File.Exists(leftover).ShouldBeFalse();
        app.GetResource<RedisResource>("cache").State.ShouldBe(ResourceState.Running);
    }

    [Fact]
    public async Task State_folder_of_a_live_AppHost_is_not_touched()
    {
        // PID 1 stands in for another AppHost that is alive and well.
        var initStartTime = (await File.ReadAllTextAsync("/proc/1/stat", TestContext.Current.CancellationToken)).Split(')')[^1].Split(' ')[20];
        await File.WriteAllTextAsync(Path.Combine(state.FullPath, "apphost.pid"), $"1 {initStartTime}", TestContext.Current.CancellationToken);
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddRedis("cache");
        await using var app = builder.Build();

        var failure = await Should.ThrowAsync<StateDirectoryInUseException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        failure.Message.ShouldContain("Another AppHost (pid 1)");
        app.GetResource<RedisResource>("cache").State.ShouldBe(ResourceState.NotStarted);
    }

    public void Dispose() => state.Dispose();
}
