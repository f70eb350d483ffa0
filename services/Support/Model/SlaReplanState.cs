namespace Crm.Support.Model;

public enum SlaReplanState
{
    Queued,
    Running,
    Completed,
}
