namespace Crm.Identity.Apis;

/// <param name="TeamId">Null takes the user out of every team.</param>
public sealed record ChangeTeamRequest(Guid? TeamId);
