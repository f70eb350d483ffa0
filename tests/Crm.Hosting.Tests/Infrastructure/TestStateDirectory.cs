namespace Crm.Hosting.Tests.Infrastructure;

/// <summary>A private state folder per test, under /tmp so the 'postgres' user can reach it.</summary>
public sealed class TestStateDirectory : IDisposable
{
    public TestStateDirectory()
    {
        FullPath = Directory.CreateTempSubdirectory("crm-hosting-").FullName;

        // CreateTempSubdirectory makes it 0700; PostgreSQL runs as another user and must pass through.
        File.SetUnixFileMode(FullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public string FullPath { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail an otherwise green test.
        }
    }
}
