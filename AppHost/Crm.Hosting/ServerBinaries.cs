namespace Crm.Hosting;

/// <summary>Where the Debian packages put the servers; settable so tests can simulate a missing install.</summary>
public sealed class ServerBinaries
{
    /// <summary>Holds one folder per installed major version; the highest one is used.</summary>
    public string PostgresRoot { get; set; } = "/usr/lib/postgresql";

    public string RabbitMQBinDirectory { get; set; } = "/usr/lib/rabbitmq/bin";

    public string EpmdPath { get; set; } = "/usr/bin/epmd";

    public string RedisServerPath { get; set; } = "/usr/bin/redis-server";

    public string PythonPath { get; set; } = "/usr/bin/python3";
}
