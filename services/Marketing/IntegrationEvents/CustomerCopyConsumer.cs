using Crm.BuildingBlocks.CustomerCopies;
using Crm.Contracts.Customers;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Segments;

namespace Crm.Marketing.IntegrationEvents;

/// <summary>Marketing keeps how to reach each customer and how to segment them; erasure also makes the consent final.</summary>
public sealed class CustomerCopyConsumer(MarketingDbContext db, LiveSegments live) : CustomerCopyConsumer<MarketingDbContext, Customer>(db)
{
    /// <summary>A new region, tag or deletion can move the contact into or out of segments, in the consumer's transaction.</summary>
    protected override Task OnCopyChangedAsync(Customer copy, CancellationToken cancellationToken) =>
        live.SaveAndRefreshAsync(copy.Id, cancellationToken);

    protected override Customer NewCopy(Guid id) => new() { Id = id, Name = "" };

    protected override void Copy(Customer copy, CustomerRegistered registered)
    {
        copy.RegisteredAt = registered.OccurredAt;
        copy.Kind = registered.Kind;
        Copy(copy, registered.Name, registered.Email, registered.Industry, registered.Region, registered.Source, registered.Tags);
    }

    protected override void Copy(Customer copy, CustomerUpdated updated) =>
        Copy(copy, updated.Name, updated.Email, updated.Industry, updated.Region, updated.Source, updated.Tags);

    protected override void Anonymise(Customer copy)
    {
        copy.Name = ErasedName;
        copy.Email = null;
        copy.Tags = [];
        // Final: an erased person is never mailed again, by any path.
        copy.Consent = Model.ConsentState.Erased;
        copy.ConsentChangedAt = DateTimeOffset.UtcNow;
    }

    private static void Copy(Customer copy, string name, string? email, string? industry, string? region, string? source, IReadOnlyList<string>? tags)
    {
        copy.Name = name;
        copy.Email = email;
        copy.Industry = industry;
        copy.Region = region;
        copy.Source = source;
        copy.Tags = [.. tags ?? []];
    }
}
