namespace Crm.Hosting;

/// <summary>A database on a PostgreSQL server; starting it creates the database if it does not exist.</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString
{
    internal PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent, HostingContext context)
        : base(name, context)
    {
        DatabaseName = databaseName;
        Parent = parent;
        Dependencies.Add(parent);
    }

    public string DatabaseName { get; }

    public PostgresServerResource Parent { get; }

    public string ConnectionString => Parent.ConnectionStringFor(DatabaseName);

    internal override string TypeName => "PostgreSQL database";

    internal override string DisplayEndpoint => $"{Parent.DisplayEndpoint}/{DatabaseName}";

    private protected override Task OnStartAsync(CancellationToken cancellationToken) =>
        Parent.EnsureDatabaseAsync(DatabaseName, cancellationToken);

    private protected override Task OnStopAsync() => Task.CompletedTask;
}
