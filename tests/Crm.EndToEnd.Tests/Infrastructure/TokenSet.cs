namespace Crm.EndToEnd.Tests.Infrastructure;

public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);
