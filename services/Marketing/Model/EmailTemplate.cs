namespace Crm.Marketing.Model;

/// <summary>A mail's subject and bodies as Liquid templates (Fluid), personalised per contact when sent.</summary>
public class EmailTemplate
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag an update must name in If-Match.</summary>
    public uint Version { get; set; }
}
