using System.Text.Json.Nodes;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Sending;

/// <summary>Which contacts a segment's rules select now. Contacts are read in pages so memory stays flat.</summary>
public sealed class SegmentEvaluator(MarketingDbContext db)
{
    private const int PageSize = 1000;

    public async Task<IReadOnlyList<Guid>> MembersAsync(Guid segmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var segment = await db.Segments.AsNoTracking().FirstAsync(candidate => candidate.Id == segmentId, cancellationToken);
        var rule = SegmentRuleParser.Parse(JsonNode.Parse(segment.Rules), "rules", [])
            ?? throw new InvalidOperationException($"Segment {segmentId} holds rules that no longer parse.");
        var members = new List<Guid>();
        await foreach (var contact in ContactsAsync(cancellationToken))
        {
            if (rule.Matches(contact, now))
            {
                members.Add(contact.Id);
            }
        }

        return members;
    }

    /// <summary>Every contact that could be mailed at all (exists, has an address); consent is checked at send time.</summary>
    public async IAsyncEnumerable<Customer> ContactsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var query = db.Customers.AsNoTracking().Where(contact => !contact.IsDeleted && contact.Email != null);
            if (after is { } last)
            {
                query = query.Where(contact => contact.Id.CompareTo(last) > 0);
            }

            var page = await query.OrderBy(contact => contact.Id).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var contact in page)
            {
                yield return contact;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }
}
