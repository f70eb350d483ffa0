namespace Crm.Identity.Extensions;

/// <summary>Section <c>Identity</c>; <c>Issuer</c> is shared with every service (see CrmTokenSettings).</summary>
public sealed class IdentityServerSettings
{
    public const string SectionName = "Identity";

    public Uri? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public LockoutSettings Lockout { get; set; } = new();

    public BootstrapSettings Bootstrap { get; set; } = new();

    public WebClientSettings WebClient { get; set; } = new();

    public sealed class LockoutSettings
    {
        public int MaxFailedAttempts { get; set; } = 5;

        public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
    }

    /// <summary>The first administrator, created by the migrate step when no administrator exists yet.</summary>
    public sealed class BootstrapSettings
    {
        public string AdminEmail { get; set; } = "admin@crm.local";

        public string? AdminPassword { get; set; }
    }

    /// <summary>The browser client (and the API browser at /docs): a public client using authorization code + PKCE.</summary>
    public sealed class WebClientSettings
    {
        public const string ClientId = "crm-web";

        public List<Uri> RedirectUris { get; set; } = [];

        public List<Uri> PostLogoutRedirectUris { get; set; } = [];
    }
}
