using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.BuildingBlocks.Tests;

public sealed class LoggingDefaultsTests
{
    [Fact]
    public void Pollys_line_per_http_attempt_is_off_by_default_its_warnings_stay_and_a_configured_level_wins()
    {
        using (var defaults = ServiceHost())
        {
            var polly = defaults.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Polly");
            polly.IsEnabled(LogLevel.Information).ShouldBeFalse();
            polly.IsEnabled(LogLevel.Warning).ShouldBeTrue();
        }

        using var configured = ServiceHost(("Logging:LogLevel:Polly", "Information"));
        configured.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Polly").IsEnabled(LogLevel.Information).ShouldBeTrue();
    }

    private static IHost ServiceHost(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)));
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
