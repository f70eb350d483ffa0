namespace Crm.Support.Model;

/// <summary>A public reply or an internal note on a ticket; comments are only ever added, never edited.</summary>
public class TicketComment
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public CommentVisibility Visibility { get; set; }
    public required string Body { get; set; }

    /// <summary>The user who wrote it, or null for an integration client.</summary>
    public Guid? AuthorId { get; set; }

    /// <summary>The author's name when they wrote it, so the thread reads the same after a rename.</summary>
    public string? AuthorName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
