namespace Crm.Hosting;

public interface IResourceWithConnectionString : IResource
{
    string ConnectionString { get; }
}
