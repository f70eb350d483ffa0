using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.ServiceDefaults.Health;
using Crm.ServiceDefaults.WarmUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Crm.BuildingBlocks.Tests;

public sealed class StartupWarmUpTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_process_is_ready_only_once_every_step_has_run_and_a_failing_step_does_not_hold_it_back()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddStartupWarmUp();
        builder.Services.AddSingleton<StepLog>();
        builder.Services.AddWarmUpStep<FailingStep>();
        builder.Services.AddWarmUpStep<HeldStep>();
        using var host = builder.Build();
        var log = host.Services.GetRequiredService<StepLog>();

        await host.StartAsync(Cancellation);
        try
        {
            await log.HeldStepStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
            log.FailingStepRan.ShouldBeTrue();
            (await ReadinessAsync(host)).ShouldBe(HealthStatus.Unhealthy);

            log.ReleaseHeldStep.SetResult();
            await Eventually.Until(() => ReadinessAsync(host), status => status == HealthStatus.Healthy);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<HealthStatus> ReadinessAsync(IHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready), Cancellation)).Status;

    private sealed class StepLog
    {
        public volatile bool FailingStepRan;

        public TaskCompletionSource HeldStepStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseHeldStep { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class FailingStep(StepLog log) : IWarmUpStep
    {
        public Task RunAsync(CancellationToken cancellationToken)
        {
            log.FailingStepRan = true;
            throw new InvalidOperationException("Warming up failed on purpose.");
        }
    }

    private sealed class HeldStep(StepLog log) : IWarmUpStep
    {
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            log.HeldStepStarted.SetResult();
            await log.ReleaseHeldStep.Task.WaitAsync(cancellationToken);
        }
    }
}
