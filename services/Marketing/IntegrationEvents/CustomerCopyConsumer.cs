using Crm.BuildingBlocks.CustomerCopies;
using Crm.Contracts.Customers;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using Crm.Marketing.Model;
using Crm.Marketing.Segments;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.IntegrationEvents;

/// <summary>Marketing keeps how to reach each customer and how to segment them; erasure also makes the consent final.</summary>
public sealed class CustomerCopyConsumer(MarketingDbContext db, LiveSegments live, JourneyEnroller enroller)
    : CustomerCopyConsumer<MarketingDbContext, Customer>(db)
{
    /// <summary>
    /// A new region, tag or deletion can move the contact into or out of segments, in the consumer's transaction. A
    /// contact marketing did not know before enters the new-customer journeys here, with its copy, whichever of the
    /// customer's events arrives first. A consumer of <see cref="CustomerRegistered"/> on a queue of its own had to
    /// wait for the copy; behind an import's backlog its retries ran out and the enrolment was lost.
    /// </summary>
    protected override async Task OnCopyChangedAsync(Customer copy, CancellationToken cancellationToken)
    {
        var isNew = Db.Entry(copy).State == EntityState.Added;
        await live.SaveAndRefreshAsync(copy.Id, cancellationToken);
        if (isNew && !copy.IsDeleted && copy.Consent != ConsentState.Erased)
        {
            await enroller.EnrolAsync(copy.Id, JourneyTrigger.CustomerRegistered, JourneyTriggers.MatchesRegistration, cancellationToken);
        }
    }

    protected override Customer NewCopy(Guid id) => new() { Id = id, Name = "" };

    protected override void Copy(Customer copy, CustomerRegistered registered)
    {
        copy.RegisteredAt = registered.OccurredAt;
        copy.Kind = registered.Kind;
        Copy(copy, registered.Name, registered.Email, registered.Industry, registered.Region, registered.Source, registered.Tags);
    }

    protected override void Copy(Customer copy, CustomerUpdated updated)
    {
        // A copy made from an update (its registration still on the way) needs the kind as much: it decides the first name.
        copy.Kind = updated.Kind;
        Copy(copy, updated.Name, updated.Email, updated.Industry, updated.Region, updated.Source, updated.Tags);
    }

    protected override void Anonymise(Customer copy)
    {
        copy.Name = ErasedName;
        copy.Email = null;
        copy.Tags = [];
        // Final: an erased person is never mailed again, by any path.
        copy.Consent = ConsentState.Erased;
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
