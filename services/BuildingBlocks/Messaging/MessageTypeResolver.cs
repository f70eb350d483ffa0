using System.Collections.Concurrent;
using System.Reflection;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// Finds the CLR type of an outbox row by its full name. After a restart the dispatcher may see rows before any code
/// has touched the contracts assembly, so on a miss the application's referenced assemblies are loaded and searched.
/// </summary>
internal sealed class MessageTypeResolver
{
    private readonly ConcurrentDictionary<string, Type> resolved = new();

    public Type Resolve(string fullName)
    {
        if (resolved.TryGetValue(fullName, out var known))
        {
            return known;
        }

        var type = FindInLoadedAssemblies(fullName);
        if (type is null)
        {
            LoadReferencedAssemblies();
            type = FindInLoadedAssemblies(fullName)
                ?? throw new InvalidOperationException($"No loaded assembly defines the message type {fullName}.");
        }

        return resolved.GetOrAdd(fullName, type);
    }

    private static Type? FindInLoadedAssemblies(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => !assembly.IsDynamic)
            .Select(assembly => assembly.GetType(fullName, throwOnError: false))
            .FirstOrDefault(type => type is not null);

    private static void LoadReferencedAssemblies()
    {
        var pending = new Stack<Assembly>(AppDomain.CurrentDomain.GetAssemblies().Where(assembly => !assembly.IsDynamic));
        var seen = new HashSet<string>(pending.Select(assembly => assembly.GetName().FullName));
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies().Where(reference => !IsFramework(reference) && seen.Add(reference.FullName)))
            {
                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (Exception exception) when (exception is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // Compile-time-only references (reference assemblies, trimmed facades) have nothing to load.
                }
            }
        }
    }

    /// <summary>Contracts are never framework types; skipping those keeps the one-off scan from loading half the runtime.</summary>
    private static bool IsFramework(AssemblyName reference) =>
        reference.Name is null or "netstandard" or "mscorlib"
        || reference.Name.StartsWith("System.", StringComparison.Ordinal)
        || reference.Name.StartsWith("Microsoft.", StringComparison.Ordinal);
}
