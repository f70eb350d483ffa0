using System.Text;
using Crm.Hosting.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Crm.Hosting.Tests;

public sealed class RabbitMQServerResourceTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task RabbitMQ_keeps_its_port_and_durable_messages_across_a_restart_and_leaves_no_process_when_stopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddRabbitMQ("messaging");
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var messaging = app.GetResource<RabbitMQServerResource>("messaging");
        var connectionString = app.GetConnectionString("messaging");
        connectionString.ShouldBe($"amqp://guest:guest@127.0.0.1:{messaging.Port}/");

        await using (var connection = await Connect(connectionString))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
            await channel.BasicPublishAsync(
                string.Empty, "kept", mandatory: false, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("hello"), ct);
        }

        await messaging.StopAsync(ct);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
        await messaging.StartAsync(ct);

        app.GetConnectionString("messaging").ShouldBe(connectionString);
        await using (var connection = await Connect(connectionString))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            var message = await channel.BasicGetAsync("kept", autoAck: true, ct);
            message.ShouldNotBeNull();
            Encoding.UTF8.GetString(message.Body.Span).ShouldBe("hello");
        }

        await app.StopAsync(ct);
        messaging.State.ShouldBe(ResourceState.Stopped);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    public void Dispose() => state.Dispose();

    private static Task<IConnection> Connect(string connectionString) =>
        new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync(TestContext.Current.CancellationToken);
}
