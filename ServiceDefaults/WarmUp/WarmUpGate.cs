namespace Crm.ServiceDefaults.WarmUp;

/// <summary>Closed while the process warms up; opens once, when every step has finished, failed or run out of time.</summary>
internal sealed class WarmUpGate
{
    private volatile bool open;

    public bool IsOpen => open;

    public void Open() => open = true;
}
