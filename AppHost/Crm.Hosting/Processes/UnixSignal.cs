namespace Crm.Hosting.Processes;

internal enum UnixSignal
{
    Interrupt = 2,
    Kill = 9,
    Terminate = 15,
}
