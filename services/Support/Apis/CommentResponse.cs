using Crm.Support.Model;

namespace Crm.Support.Apis;

public sealed record CommentResponse(
    Guid Id,
    Guid TicketId,
    CommentVisibility Visibility,
    string Body,
    Guid? AuthorId,
    string? AuthorName,
    DateTimeOffset CreatedAt)
{
    public static CommentResponse From(TicketComment comment) =>
        new(comment.Id, comment.TicketId, comment.Visibility, comment.Body, comment.AuthorId, comment.AuthorName, comment.CreatedAt);
}
