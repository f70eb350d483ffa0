namespace Crm.Hosting.Processes;

/// <param name="RunAsUser">Drops root privileges to this user (PostgreSQL refuses to run as root).</param>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    string? RunAsUser = null);
