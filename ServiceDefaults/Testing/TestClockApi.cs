using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Crm.ServiceDefaults.Testing;

/// <summary>
/// Lets end-to-end tests move a service's clock, so deadlines arrive without waiting. Registered and mapped only when
/// <c>Testing:ClockControl</c> is true; that switch must never be on in a deployment.
/// </summary>
public static class TestClockApi
{
    public const string Switch = "Testing:ClockControl";

    /// <summary>With the switch on, every <see cref="TimeProvider"/> in the service reads the settable clock.</summary>
    public static IHostApplicationBuilder AddTestClockWhenEnabled(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(Switch))
        {
            var serviceName = builder.Environment.ApplicationName;
            builder.Services.AddSingleton(services => new TestClock(services.GetService<IConnectionMultiplexer>(), serviceName));
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(services => services.GetRequiredService<TestClock>()));
            builder.Services.AddSingleton<IValidator<SetClockRequest>, SetClockRequestValidator>();
        }

        return builder;
    }

    /// <param name="prefix">The service's API prefix, e.g. <c>/api/support</c>.</param>
    public static IEndpointRouteBuilder MapTestClockApi(this IEndpointRouteBuilder app, string prefix)
    {
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(Switch))
        {
            return app;
        }

        var api = app.MapGroup($"{prefix}/testing/clock").WithTags("Testing").RequireRoles(CrmRoles.Administrator);
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
