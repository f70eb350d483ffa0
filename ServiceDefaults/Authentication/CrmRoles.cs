namespace Crm.ServiceDefaults.Authentication;

/// <summary>The roles the identity service issues in the <c>role</c> claim; every service authorises against these.</summary>
public static class CrmRoles
{
    public const string Administrator = "administrator";
    public const string SalesManager = "sales-manager";
    public const string SalesRep = "sales-rep";
    public const string Marketer = "marketer";
    public const string SupportLead = "support-lead";
    public const string SupportAgent = "support-agent";

    public static readonly string[] All =
        [Administrator, SalesManager, SalesRep, Marketer, SupportLead, SupportAgent];

    /// <summary>Who works the sales pipeline (administrators may do anything).</summary>
    public static readonly string[] Sales = [Administrator, SalesManager, SalesRep];

    public static readonly string[] Marketing = [Administrator, Marketer];

    public static readonly string[] Support = [Administrator, SupportLead, SupportAgent];

    /// <summary>Everyone who works with customers directly; marketers read customers but do not edit them.</summary>
    public static readonly string[] CustomerEditors = [Administrator, SalesManager, SalesRep, SupportLead, SupportAgent];

    /// <summary>Who may hand records to another owner; everyone else keeps or takes only their own.</summary>
    public static readonly string[] OwnerAssigners = [Administrator, SalesManager, SupportLead];

    /// <summary>Who may take lists of personal data out of the CRM (exports are audited).</summary>
    public static readonly string[] Exporters = [Administrator, SalesManager, SupportLead];

    public static bool IsKnown(string role) => All.Contains(role);
}
