using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Apis;

public sealed record PurchaseResponse(
    Guid Id, Guid CustomerId, DateTimeOffset PurchasedAt, decimal Amount, string Currency, IReadOnlyList<PurchaseItemDto> Items, string Source,
    string? SourceReference)
{
    public static PurchaseResponse From(Purchase purchase) => new(
        purchase.Id, purchase.CustomerId, purchase.PurchasedAt, purchase.Amount, purchase.Currency,
        [.. purchase.Items.Select(item => new PurchaseItemDto(item.Sku, item.Name, item.Quantity, item.UnitPrice))],
        purchase.Source, purchase.SourceReference);
}

public sealed record InteractionResponse(Guid Id, Guid CustomerId, InteractionKind Kind, DateTimeOffset OccurredAt, string Summary, Guid? UserId)
{
    public static InteractionResponse From(Interaction interaction) =>
        new(interaction.Id, interaction.CustomerId, interaction.Kind, interaction.OccurredAt, interaction.Summary, interaction.UserId);
}

public sealed record FeedbackResponse(
    Guid Id, Guid CustomerId, FeedbackKind Kind, int? Rating, string Text, FeedbackStatus Status, DateTimeOffset ReceivedAt, Guid? RecordedBy)
{
    public static FeedbackResponse From(Feedback feedback) =>
        new(feedback.Id, feedback.CustomerId, feedback.Kind, feedback.Rating, feedback.Text, feedback.Status, feedback.ReceivedAt, feedback.RecordedBy);
}

public sealed record TimelineEntryResponse(
    long Id, DateTimeOffset OccurredAt, string Service, string Kind, string Summary, JsonElement? Data, string? ActorId)
{
    public static TimelineEntryResponse From(TimelineEntry entry) => new(
        entry.Id, entry.OccurredAt, entry.Service, entry.Kind, entry.Summary,
        entry.Data is null ? null : JsonDocument.Parse(entry.Data).RootElement.Clone(), entry.ActorId);
}
