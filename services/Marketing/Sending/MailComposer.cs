using Crm.BuildingBlocks.Security;
using System.Net;
using Crm.Marketing.Consent;
using Crm.Marketing.Extensions;
using Crm.Marketing.Model;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crm.Marketing.Sending;

/// <summary>
/// Builds one contact's marketing mail: the personalised template, an unsubscribe link in both bodies and the
/// List-Unsubscribe / List-Unsubscribe-Post headers (RFC 2369, RFC 8058) that mail clients offer as a button.
/// </summary>
public sealed class MailComposer(LinkSigner tokens, IOptions<MarketingOptions> options)
{
    public const string UnsubscribePurpose = "unsubscribe";
    public const string OpenPurpose = "open";
    public const string ClickPurpose = "click";

    // Absolute http(s) links only; mailto:, anchors and template-relative links are left alone.
    private static readonly System.Text.RegularExpressions.Regex Links =
        new("href=\"(https?://[^\"]+)\"", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Compiled);

    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    public string OpenPixelUrl(Guid campaignId, Guid contactId) =>
        $"{BaseUrl}/api/marketing/t/o/{tokens.Sign(OpenPurpose, $"{campaignId}|{contactId}")}";

    public string ClickUrl(Guid campaignId, Guid contactId, string url) =>
        $"{BaseUrl}/api/marketing/t/c/{tokens.Sign(ClickPurpose, $"{campaignId}|{contactId}|{url}")}";

    /// <summary>Every web link goes through the signed click redirect, and a 1×1 pixel reports the open.</summary>
    public string Track(string html, Guid campaignId, Guid contactId) =>
        Links.Replace(html, match => $"href=\"{WebUtility.HtmlEncode(ClickUrl(campaignId, contactId, WebUtility.HtmlDecode(match.Groups[1].Value)))}\"")
        + $"\n<img src=\"{WebUtility.HtmlEncode(OpenPixelUrl(campaignId, contactId))}\" width=\"1\" height=\"1\" alt=\"\">";

    public string UnsubscribeUrl(Guid contactId, Guid? campaignId) =>
        $"{BaseUrl}/api/marketing/unsubscribe/{tokens.Sign(UnsubscribePurpose, $"{contactId}|{campaignId}")}";

    /// <summary>What a template may use: <c>{{ first_name }}</c>, <c>{{ name }}</c>, <c>{{ email }}</c>, ...</summary>
    public Dictionary<string, string?> ValuesFor(Customer contact, Guid? campaignId, string? campaignName) =>
        ValuesFor(contact, campaignName, UnsubscribeUrl(contact.Id, campaignId));

    private static Dictionary<string, string?> ValuesFor(Customer contact, string? campaignName, string unsubscribeUrl) => new()
    {
        ["first_name"] = contact.FirstName,
        ["name"] = contact.Name,
        ["email"] = contact.Email,
        ["region"] = contact.Region,
        ["industry"] = contact.Industry,
        ["tier"] = contact.Tier,
        ["campaign_name"] = campaignName,
        ["unsubscribe_url"] = unsubscribeUrl,
    };

    /// <param name="trackingId">The id the open pixel and click links report to: the campaign, or a journey's mail; the campaign when left out.</param>
    public RenderedMail Render(EmailTemplate template, Customer contact, Guid? campaignId, string? campaignName, Guid? trackingId = null) =>
        Render(TemplateRenderer.Compile(template), contact, campaignId, campaignName, trackingId);

    /// <inheritdoc cref="Render(EmailTemplate, Customer, Guid?, string?, Guid?)"/>
    public RenderedMail Render(CompiledTemplate template, Customer contact, Guid? campaignId, string? campaignName, Guid? trackingId = null) =>
        Render(template, contact, campaignId, campaignName, trackingId, UnsubscribeUrl(contact.Id, campaignId));

    private RenderedMail Render(CompiledTemplate template, Customer contact, Guid? campaignId, string? campaignName, Guid? trackingId, string link)
    {
        var rendered = template.Render(ValuesFor(contact, campaignName, link));
        if ((trackingId ?? campaignId) is { } tracked)
        {
            rendered = rendered with { Html = Track(rendered.Html, tracked, contact.Id) };
        }

        // Every marketing mail carries the link, whether or not the template remembered to.
        return rendered with
        {
            Html = $"{rendered.Html}\n<p style=\"font-size:12px;color:#666\">Don't want these e-mails? <a href=\"{WebUtility.HtmlEncode(link)}\">Unsubscribe</a>.</p>",
            Text = $"{rendered.Text}\n\n--\nUnsubscribe: {link}\n",
        };
    }

    /// <param name="template">Compiled once for the whole campaign.</param>
    public MimeMessage Compose(Campaign campaign, CompiledTemplate template, Customer contact, string messageId)
    {
        var unsubscribeUrl = UnsubscribeUrl(contact.Id, campaign.Id);
        return Build(Render(template, contact, campaign.Id, campaign.Name, null, unsubscribeUrl), campaign.FromName, campaign.FromAddress, contact, messageId,
            unsubscribeUrl, ("X-Crm-Campaign", campaign.Id.ToString()));
    }

    /// <summary>A journey's mail: tracked by <paramref name="mail"/>'s id, so the branch after it sees the open or click.</summary>
    public MimeMessage Compose(Journey journey, JourneyMessage mail, EmailTemplate template, Customer contact)
    {
        var unsubscribeUrl = UnsubscribeUrl(contact.Id, null);
        return Build(Render(TemplateRenderer.Compile(template), contact, null, journey.Name, mail.Id, unsubscribeUrl), journey.FromName, journey.FromAddress,
            contact, mail.MessageId, unsubscribeUrl, ("X-Crm-Journey", journey.Id.ToString()));
    }

    private MimeMessage Build(
        RenderedMail rendered, string fromName, string fromAddress, Customer contact, string messageId, string unsubscribeUrl, (string Name, string Value) origin)
    {
        var message = new MimeMessage { Subject = rendered.Subject, MessageId = messageId };
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(new MailboxAddress(contact.Name, contact.Email ?? throw new InvalidOperationException($"Contact {contact.Id} has no e-mail address.")));
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add(origin.Name, origin.Value);
        message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
        return message;
    }

    /// <summary>The same for the same campaign and contact, so a second copy of a message would be recognisable as one.</summary>
    public static string MessageIdFor(Guid campaignId, Guid contactId) => $"{campaignId:N}.{contactId:N}@marketing.crm.local";

    /// <summary>A journey mail's Message-Id: fixed by the enrolment and step, like a campaign's by campaign and contact.</summary>
    public static string MessageIdFor(Guid journeyId, long enrolmentId, int stepIndex) => $"{journeyId:N}.{enrolmentId}.{stepIndex}@journeys.crm.local";
}
