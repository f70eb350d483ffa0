using System.Runtime.InteropServices;

namespace Crm.Hosting.Processes;

internal static class NativeMethods
{
    // .NET can only send SIGKILL to a process; graceful shutdowns need SIGTERM and SIGINT.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public static void Send(int pid, UnixSignal signal) => _ = SysKill(pid, (int)signal);
}
