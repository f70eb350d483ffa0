using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests.Infrastructure;

public sealed record LoggedEntry(LogLevel Level, string Category, string Message);
