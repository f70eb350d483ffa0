namespace Crm.Gateway.Options;

/// <summary>
/// Everything under <c>Gateway</c> in configuration. Read once at start-up: the proxy routes, CORS policy and
/// timeout policies are built from it, so a change needs a restart.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    public RateLimitOptions RateLimits { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public TimeoutOptions Timeouts { get; set; } = new();

    public CorsOptions Cors { get; set; } = new();

    /// <summary>Binds and checks the settings, naming every wrong one instead of failing on the first request.</summary>
    public static GatewayOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        var problems = options.RateLimits.Problems()
            .Concat(options.Limits.Problems())
            .Concat(options.Timeouts.Problems())
            .Concat(options.Cors.Problems())
            .ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException($"The gateway's settings are invalid:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        return options;
    }
}
