namespace Crm.EndToEnd.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string Email, string Password, IReadOnlyList<string> Roles, Guid? TeamId);
