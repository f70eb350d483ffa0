namespace Crm.Marketing.Extensions;

/// <summary>Bound from the <c>Marketing</c> configuration section.</summary>
public sealed class MarketingOptions
{
    public const string SectionName = "Marketing";

    /// <summary>Where recipients reach the CRM (the gateway): unsubscribe and tracking links start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>HMAC key for unsubscribe and tracking tokens; the same on every replica (the AppHost passes a generated secret).</summary>
    public string SigningKey { get; set; } = "";

    public string DefaultFromAddress { get; set; } = "marketing@crm.local";

    public string DefaultFromName { get; set; } = "CRM Marketing";

    public int DefaultRatePerMinute { get; set; } = 600;

    /// <summary>At most this many marketing mails per contact within <see cref="FrequencyWindow"/>.</summary>
    public int FrequencyCap { get; set; } = 5;

    public TimeSpan FrequencyWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A lead score at or above this hands the contact to sales (LeadHandedOff).</summary>
    public int LeadScoreThreshold { get; set; } = 50;

    /// <summary>Behaviour points halve every this long, so old interest counts less than new.</summary>
    public TimeSpan LeadScoreHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the sender looks for scheduled and sending campaigns.</summary>
    public TimeSpan SenderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// SMTP connections one replica sends a campaign over at once, each kept open for many messages. A connection spends
    /// most of a mail waiting for the server's answers, so it takes about eight to keep two cores busy (the
    /// marketing-send benchmark: about 740 mails/s with 4, about 1,000 with 8).
    /// </summary>
    public int SenderConnections { get; set; } = 8;

    /// <summary>
    /// Recipients a connection claims, sends and records at a time (fewer when the campaign's rate allows fewer in a
    /// tenth of a second). A sender that dies leaves at most <see cref="SenderConnections"/> × this many Unconfirmed.
    /// </summary>
    public int SenderChunkSize { get; set; } = 20;

    /// <summary>
    /// A recipient still "Sending" this long after it was claimed belongs to a sender that died mid-send; it becomes
    /// Unconfirmed and is never sent again. Far longer than one SMTP send may take (its timeout is 30 s).
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a segment whose rules look back "in the last N days" is recomputed, so members leave as time passes.</summary>
    public TimeSpan SegmentRecheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each replica looks for segments due for a re-check and scores due for decay.</summary>
    public TimeSpan SweepPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A contact's score is recomputed for decay when it was last computed this long ago.</summary>
    public TimeSpan LeadScoreDecayInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the journey runner looks for enrolments whose next step is due.</summary>
    public TimeSpan JourneyPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Due enrolments one runner claims per round (SKIP LOCKED, so replicas take different ones).</summary>
    public int JourneyBatchSize { get; set; } = 50;

    /// <summary>This many soft bounces within <see cref="SoftBounceWindow"/> make a contact bounced, like one hard bounce.</summary>
    public int SoftBounceLimit { get; set; } = 3;

    public TimeSpan SoftBounceWindow { get; set; } = TimeSpan.FromDays(30);
}
