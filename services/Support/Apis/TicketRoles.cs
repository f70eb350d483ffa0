using Crm.ServiceDefaults.Authentication;

namespace Crm.Support.Apis;

/// <summary>Who may call which ticket endpoint (OWASP API5); <see cref="TicketScope"/> then narrows it to records.</summary>
public static class TicketRoles
{
    /// <summary>
    /// Support reads and works tickets; marketers read them for customer context (without internal notes). Sales
    /// roles see ticket activity on the customer's timeline instead.
    /// </summary>
    public static readonly string[] Readers = [CrmRoles.Administrator, CrmRoles.SupportLead, CrmRoles.SupportAgent, CrmRoles.Marketer];

    public static readonly string[] Workers = CrmRoles.Support;

    /// <summary>Who may hand a ticket to someone else or another team; agents only take one themselves.</summary>
    public static readonly string[] Assigners = [CrmRoles.Administrator, CrmRoles.SupportLead];

    /// <summary>Who may appear as a ticket's assignee.</summary>
    public static readonly string[] Assignees = [CrmRoles.SupportLead, CrmRoles.SupportAgent];
}
