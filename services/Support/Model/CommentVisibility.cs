namespace Crm.Support.Model;

public enum CommentVisibility
{
    /// <summary>A reply the customer may see.</summary>
    Public,

    /// <summary>A note for support staff only; never shown to marketers (or, later, to the customer).</summary>
    Internal,
}
