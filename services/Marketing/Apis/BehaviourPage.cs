using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

/// <param name="NextBefore">Pass back as <c>before</c> for older entries; null on the last page.</param>
public sealed record BehaviourPage(IReadOnlyList<Behaviour> Items, long? NextBefore);
