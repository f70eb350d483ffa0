namespace Crm.Marketing.Model;

public enum JourneyStatus
{
    /// <summary>Being defined: nobody enters and nothing is sent.</summary>
    Draft,

    /// <summary>People enter on the trigger and move through the steps.</summary>
    Active,

    /// <summary>Nobody enters and nobody moves; everyone keeps their place until it is activated again.</summary>
    Paused,

    /// <summary>Finished for good: whoever was still on it left (exited).</summary>
    Archived,
}
