namespace Crm.Marketing.Model;

public enum JourneyStepKind
{
    /// <summary>Send the template <c>templateId</c> through the mailing policy.</summary>
    Email,

    /// <summary>Wait <c>waitMinutes</c> before the next step.</summary>
    Wait,

    /// <summary>Go to <c>ifClicked</c>, <c>ifOpened</c> or <c>otherwise</c> by what the person did with the previous mail.</summary>
    Branch,
}
