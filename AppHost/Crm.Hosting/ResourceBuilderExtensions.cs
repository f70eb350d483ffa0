namespace Crm.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>Starts the resource only once <paramref name="dependency"/> is ready, and stops it first.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        builder.Resource.Dependencies.Add(dependency.Resource);
        return builder;
    }
}
