namespace Crm.Marketing.Model;

/// <summary>Whether marketing mail may go to a contact. Only <see cref="OptedIn"/> may be mailed; the others are final for every sending path.</summary>
public enum ConsentState
{
    OptedIn,
    Unsubscribed,
    Bounced,
    Erased,
}
