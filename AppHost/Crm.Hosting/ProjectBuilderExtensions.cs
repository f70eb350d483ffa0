namespace Crm.Hosting;

public static class ProjectBuilderExtensions
{
    /// <param name="projectPath">The .csproj, relative to the repository root (the folder holding Crm.Aspire.sln).</param>
    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddResource(new ProjectResource(name, projectPath, builder.Context));

    /// <summary>Runs <c>dotnet &lt;dll&gt; migrate</c> with the project's environment before each start; it must exit 0.</summary>
    public static IResourceBuilder<ProjectResource> WithMigrations(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.RunsMigrations = true;
        return builder;
    }

    /// <summary>Listens on <paramref name="port"/> if it is free, otherwise on a free port (and says so).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.PreferPort(port);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string? value)
    {
        builder.Resource.ExtraEnvironment[name] = () => value;
        return builder;
    }

    /// <summary>Hands the project the parameter's value, resolved when the project starts.</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, ParameterResource parameter)
    {
        builder.Resource.ExtraEnvironment[name] = () => parameter.Value;
        return builder;
    }

    /// <summary>
    /// Hands the project the Aspire configuration key for <paramref name="source"/> (<c>ConnectionStrings__name</c> or
    /// <c>services__name__http__0</c>) and starts the project after it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference<TSource>(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<TSource> source)
        where TSource : Resource
    {
        builder.Resource.References.Add(source.Resource);
        builder.Resource.Dependencies.Add(source.Resource);
        return builder;
    }
}
