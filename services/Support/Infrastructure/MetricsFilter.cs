namespace Crm.Support.Infrastructure;

/// <summary>Whose tickets the figures cover: a team's, an agent's (assignee), a category's, or any mix; null is any.</summary>
public sealed record MetricsFilter(Guid? TeamId, Guid? AgentId, string? Category);
