namespace Crm.Contracts.Marketing;

/// <summary>A contact answered a survey question. The customer timeline shows it; segments and lead scoring use it.</summary>
public sealed record SurveyAnswered(Guid ContactId, string SurveyId, string Question, string Value, DateTimeOffset OccurredAt);
