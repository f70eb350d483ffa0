namespace Crm.Marketing.Model;

/// <summary>
/// One step of a journey. Branch targets are step indexes after the branch (so a journey always ends), the number of
/// steps meaning "finish". An unset target falls back: <c>ifClicked</c> to <c>ifOpened</c>, that to <c>otherwise</c>, that to
/// the next step; so <c>{"kind":"Branch","otherwise":5}</c> alone jumps to step 5.
/// </summary>
public sealed record JourneyStep(
    JourneyStepKind? Kind, Guid? TemplateId = null, int? WaitMinutes = null, int? IfClicked = null, int? IfOpened = null, int? Otherwise = null);
