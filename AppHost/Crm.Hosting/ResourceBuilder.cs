namespace Crm.Hosting;

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder applicationBuilder) : IResourceBuilder<T>
    where T : IResource
{
    public T Resource => resource;

    public DistributedApplicationBuilder ApplicationBuilder => applicationBuilder;
}
