namespace Crm.Gateway.Routing;

/// <summary>What the gateway treats differently, decided by path alone so it holds before any routing.</summary>
public static class GatewayPaths
{
    public const string Docs = "/docs";
    public const string Health = "/health";
    public const string Imports = "imports";
    public const string Exports = "exports";

    /// <summary><c>/api/&lt;service&gt;/imports</c> and below.</summary>
    public static bool IsImport(PathString path) => IsUnderServiceFolder(path, Imports);

    /// <summary>Imports and exports move whole files and get the longer timeout.</summary>
    public static bool IsLongRunning(PathString path) => IsImport(path) || IsUnderServiceFolder(path, Exports);

    /// <summary>Requests that test a credential: the password form and the token endpoint.</summary>
    public static bool IsSignIn(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) && IsExactly(request.Path, "/account/login"))
        || IsExactly(request.Path, "/connect/token");

    public static bool IsHealth(PathString path) => path.StartsWithSegments(Health, StringComparison.OrdinalIgnoreCase);

    public static bool IsDocs(PathString path) => path.StartsWithSegments(Docs, StringComparison.OrdinalIgnoreCase);

    public static bool IsIdentityPage(PathString path) =>
        path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnderServiceFolder(PathString path, string folder)
    {
        var segments = (path.Value ?? "").Split('/', 5, StringSplitOptions.None);
        // "", "api", "<service>", "<folder>", ...
        return segments.Length >= 4
            && segments[0].Length == 0
            && string.Equals(segments[1], "api", StringComparison.OrdinalIgnoreCase)
            && segments[2].Length > 0
            && string.Equals(segments[3], folder, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The path itself or with a trailing slash, which routing treats as the same endpoint.</summary>
    private static bool IsExactly(PathString path, string expected) =>
        path.StartsWithSegments(expected, StringComparison.OrdinalIgnoreCase, out var rest)
        && (!rest.HasValue || rest.Value == "/");
}
