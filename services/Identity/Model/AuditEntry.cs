namespace Crm.Identity.Model;

/// <summary>One security-relevant action: who did what to whom, when and from where. Never updated or deleted.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Where it happened: <c>identity</c> for sign-ins and user changes, another service for exports and erasures.</summary>
    public string Service { get; set; } = "identity";

    public required string Action { get; set; }

    /// <summary>The acting user's or client's subject; null when nobody is signed in (a failed sign-in).</summary>
    public string? ActorId { get; set; }

    public string? ActorName { get; set; }

    /// <summary>What the action was about: a user id, a client id, an e-mail that tried to sign in.</summary>
    public string? Target { get; set; }

    public string? Details { get; set; }

    public string? IpAddress { get; set; }
}
