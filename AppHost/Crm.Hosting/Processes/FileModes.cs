namespace Crm.Hosting.Processes;

/// <summary>
/// The orchestrator only runs on Linux (it needs /proc, setsid and POSIX signals); checking the platform here keeps
/// the platform analyzer from marking every public API, and every consumer, as Linux-only.
/// </summary>
internal static class FileModes
{
    public static bool OthersMayEnter(string directory) =>
        !OperatingSystem.IsLinux() || File.GetUnixFileMode(directory).HasFlag(UnixFileMode.OtherExecute);

    public static void MakeOwnerReadOnly(string file)
    {
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead);
        }
    }
}
