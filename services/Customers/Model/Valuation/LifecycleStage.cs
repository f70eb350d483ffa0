namespace Crm.Customers.Model.Valuation;

public enum LifecycleStage
{
    Prospect,
    New,
    Active,
    Loyal,
    AtRisk,
    Churned,
}
