namespace Crm.Support.Extensions;

/// <summary>Bound from the <c>Support</c> configuration section.</summary>
public sealed class SupportOptions
{
    public const string SectionName = "Support";

    /// <summary>Where customers reach the CRM (the gateway): survey links start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>HMAC key of survey links; the same on every replica (the AppHost passes a generated secret).</summary>
    public string SurveySigningKey { get; set; } = "";

    /// <summary>How long a survey link may be answered.</summary>
    public TimeSpan SurveyValidity { get; set; } = TimeSpan.FromDays(30);

    public string FromAddress { get; set; } = "support@crm.local";

    public string FromName { get; set; } = "CRM Support";
}
