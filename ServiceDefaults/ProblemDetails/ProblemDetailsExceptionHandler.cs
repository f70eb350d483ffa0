using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.ServiceDefaults.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults.ProblemDetails;

/// <summary>
/// Turns exceptions into problem details. Client mistakes become 400s that name the field; a transaction PostgreSQL
/// aborted because it met a concurrent one is a 503 to send again; anything else is a 500 whose body says only that
/// something went wrong and which trace to look at.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to read an answer.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var sqlState = SqlStateOf(exception);
        var collided = sqlState is DeadlockDetected or SerializationFailure;
        var problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            BadHttpRequestException badRequest => BadRequestProblem(badRequest),
            _ when sqlState is UnstorableCharacter => new HttpValidationProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is malformed.",
                Detail = NulCharacterException.Explanation,
            },
            _ when collided => new HttpValidationProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The request met a concurrent change and was not carried out.",
                Detail = "Nothing was saved; send it again.",
            },
            _ => null,
        };

        if (collided)
        {
            // Worth a look all the same: a deadlock between two of our own writes means they lock rows in different orders.
            logger.LogWarning(exception, "Concurrent transactions collided on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new HttpValidationProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged; quote the traceId when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>PostgreSQL's "character not in repertoire" (a NUL in a query-string value, say): the client's text, not our fault.</summary>
    private const string UnstorableCharacter = "22021";

    private const string DeadlockDetected = "40P01";
    private const string SerializationFailure = "40001";

    /// <summary>The SQLSTATE of the database error behind <paramref name="exception"/>, so this project needs no database driver.</summary>
    private static string? SqlStateOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException { SqlState: { } sqlState })
            {
                return sqlState;
            }
        }

        return null;
    }

    private static HttpValidationProblemDetails ValidationProblem(ValidationException exception) =>
        new(exception.Errors
            .GroupBy(error => error.PropertyName)
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };

    private static HttpValidationProblemDetails BadRequestProblem(BadHttpRequestException exception)
    {
        var field = FieldOf(exception);
        var message = exception.InnerException switch
        {
            NulCharacterException nul => nul.Message,
            JsonException => "The value is not valid JSON of the expected type.",
            _ => exception.Message,
        };
        var errors = field is null
            ? new Dictionary<string, string[]>()
            : new Dictionary<string, string[]> { [field] = [message] };
        return new HttpValidationProblemDetails(errors)
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode == StatusCodes.Status400BadRequest ? "The request is malformed." : "The request was refused.",
            Detail = message,
        };
    }

    /// <summary>The JSON path (<c>$.address.city</c>) or parameter name the framework complained about.</summary>
    private static string? FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { Length: > 0 } path })
        {
            return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        }

        var parameter = ParameterName().Match(exception.Message);
        return parameter.Success ? parameter.Groups["name"].Value : null;
    }

    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[^\" ]+)\"")]
    private static partial Regex ParameterName();
}
