namespace Crm.Hosting;

public sealed class StateDirectoryInUseException(string stateDirectory, int processId)
    : HostingException(
        $"Another AppHost (pid {processId}) is using {stateDirectory}; stop it first, or choose another folder with --AppHost:StateDirectory=<path>.");
