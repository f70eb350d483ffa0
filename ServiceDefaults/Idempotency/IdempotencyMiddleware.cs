using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Crm.ServiceDefaults.Idempotency;

/// <summary>
/// Makes a POST carrying an <c>Idempotency-Key</c> header safe to retry: the first request runs, later ones
/// with the same key and body get its recorded answer. The same key with another body is a client error.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    /// <summary>Headers a replay must carry to mean the same as the first answer.</summary>
    private static readonly string[] ReplayedHeaders = ["Location", "ETag"];

    public async Task InvokeAsync(HttpContext context)
    {
        // Only for a known caller: without one there is no scope that keeps two clients' answers apart. Every CRM
        // endpoint that creates something requires a token, so an anonymous POST is refused before it gets here.
        if (!HttpMethods.IsPost(context.Request.Method) ||
            !context.Request.Headers.TryGetValue(HeaderName, out var values) ||
            context.User.FindFirst("sub") is null)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "The Idempotency-Key header is invalid.",
                $"It must hold between 1 and {MaxKeyLength} characters.");
            return;
        }

        var scope = ScopeOf(context);
        var fingerprint = await FingerprintAsync(context.Request);
        var recorded = await store.TryClaimAsync(scope, key, fingerprint);
        if (recorded is not null)
        {
            await AnswerFromRecordAsync(context, recorded, fingerprint);
            return;
        }

        await RunAndRecordAsync(context, scope, key, fingerprint);
    }

    private async Task RunAndRecordAsync(HttpContext context, string scope, string key, string fingerprint)
    {
        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await store.ReleaseAsync(scope, key);
            throw;
        }
        finally
        {
            context.Response.Body = originalBody;
        }

        if (context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            await store.ReleaseAsync(scope, key);
        }
        else
        {
            var headers = ReplayedHeaders
                .Where(name => context.Response.Headers.ContainsKey(name))
                .ToDictionary(name => name, name => context.Response.Headers[name].ToString());
            await store.CompleteAsync(scope, key, new IdempotentResponse(
                fingerprint, Completed: true, context.Response.StatusCode, context.Response.ContentType, headers, buffer.ToArray()));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
    }

    private static async Task AnswerFromRecordAsync(HttpContext context, IdempotentResponse recorded, string fingerprint)
    {
        if (recorded.Fingerprint != fingerprint)
        {
            await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for another request.",
                "Send a new key for a request with a different path or body.");
            return;
        }

        if (!recorded.Completed)
        {
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                "Retry once it has finished.");
            return;
        }

        context.Response.StatusCode = recorded.StatusCode;
        context.Response.ContentType = recorded.ContentType;
        foreach (var (name, value) in recorded.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers[ReplayedHeaderName] = "true";
        if (recorded.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Keys are per caller (the token's subject, which is unique; a display name is not), so two users never see each other's answers.</summary>
    private static string ScopeOf(HttpContext context) => $"user:{context.User.FindFirst("sub")!.Value}";

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
}
