namespace Crm.Marketing.Sending;

public sealed record RenderedMail(string Subject, string Html, string Text);
