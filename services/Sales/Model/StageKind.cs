namespace Crm.Sales.Model;

/// <summary>Open stages are worked on; won and lost end a deal.</summary>
public enum StageKind
{
    Open,
    Won,
    Lost,
}
