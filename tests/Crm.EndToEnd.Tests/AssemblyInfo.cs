using Crm.EndToEnd.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(CrmSystemFixture))]

// Some tests stop RabbitMQ, kill a service or cut a database off; nothing may run beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
