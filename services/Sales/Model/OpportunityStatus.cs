namespace Crm.Sales.Model;

/// <summary>Follows the kind of the stage a deal is in.</summary>
public enum OpportunityStatus
{
    Open,
    Won,
    Lost,
}
