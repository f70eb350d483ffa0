namespace Crm.Hosting;

public interface IResource
{
    string Name { get; }

    ResourceState State { get; }
}
