using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Support.Apis;

/// <summary>
/// Moves the service's clock for end-to-end tests, so SLA deadlines arrive without waiting. Mapped only when
/// <c>Testing:ClockControl</c> is true; that switch must never be on in a deployment.
/// </summary>
public static class TestClockApi
{
    public const string Switch = "Testing:ClockControl";

    public static IEndpointRouteBuilder MapTestClockApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Switch))
        {
            return app;
        }

        var api = app.MapGroup($"{SupportApi.Prefix}/testing/clock").WithTags("Testing").RequireRoles(CrmRoles.Administrator);
        api.MapGet("/", ReadClock).WithSummary("The service's current time and its offset from the system clock (tests only).");
        api.MapPut("/", SetClock)
            .WithValidation<SetClockRequest>()
            .WithSummary("Sets the offset of the service's clock from the system clock, in seconds (tests only).");
        return app;
    }

    public static Ok<ClockResponse> ReadClock(TestClock clock) => TypedResults.Ok(new ClockResponse(clock.GetUtcNow(), clock.Offset.TotalSeconds));

    public static async Task<Ok<ClockResponse>> SetClock(SetClockRequest request, TestClock clock)
    {
        await clock.SetOffsetAsync(TimeSpan.FromSeconds(request.OffsetSeconds!.Value));
        return ReadClock(clock);
    }

    public sealed record SetClockRequest(double? OffsetSeconds);

    public sealed record ClockResponse(DateTimeOffset Now, double OffsetSeconds);

    public sealed class SetClockRequestValidator : AbstractValidator<SetClockRequest>
    {
        public SetClockRequestValidator() => RuleFor(request => request.OffsetSeconds).NotNull().InclusiveBetween(0, TimeSpan.FromDays(3650).TotalSeconds);
    }
}
