using System.Security.Cryptography;

namespace Crm.Hosting;

/// <summary>
/// A value the application is configured with, as Aspire's <c>AddParameter</c>: from <c>Parameters:&lt;name&gt;</c>, or,
/// for a generated secret, created on first use and kept in the state folder so later runs reuse it.
/// </summary>
public sealed class ParameterResource
{
    private readonly HostingContext context;
    private string? value;

    internal ParameterResource(string name, bool secret, HostingContext context)
    {
        Name = name;
        Secret = secret;
        this.context = context;
    }

    public string Name { get; }

    public bool Secret { get; }

    /// <summary>Resolved when first read, after a <c>--wipe</c> has emptied the state folder, so a wiped run gets a new value.</summary>
    public string Value => value ??= Resolve();

    private string Resolve()
    {
        if (context.Configuration[$"Parameters:{Name}"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var file = Path.Combine(context.StateDirectory, "parameters", Name);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        if (!Secret)
        {
            throw new HostingException($"Parameter '{Name}' has no value: set Parameters__{Name} (or --Parameters:{Name}=...).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Letters and digits only, so the value survives shells, URLs and copy-paste.
        var generated = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        File.WriteAllText(file, generated);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return generated;
    }
}
