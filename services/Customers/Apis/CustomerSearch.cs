using System.Globalization;
using System.Linq.Expressions;
using Crm.BuildingBlocks.Persistence;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>
/// The ranked search behind <c>q</c>. Matches come in ranks, best first, and by name within a rank: the name or e-mail is
/// the text (<see cref="Exact"/>); starts with it (<see cref="Prefix"/>); contains it, or the phone contains its digits
/// (<see cref="Contains"/>); and, only when nothing matches as typed, names with a close spelling of it
/// (<see cref="Similar"/>, pg_trgm's word similarity). Each rank is its own query, asked only while the page is not
/// full, so a text that thousands of customers start with costs one page of rows from the lower(name)/lower(email)
/// indexes instead of collecting and sorting every match, and the slow trigram similarity runs only for a typo.
/// The cursor holds the rank with the name, and the id.
/// </summary>
public static class CustomerSearch
{
    public const string Sort = "relevance";
    public const int Exact = 0;
    public const int Prefix = 1;
    public const int Contains = 2;
    public const int Similar = 3;

    /// <summary>Up to <paramref name="count"/> matches after the cursor's row, with the rank of each.</summary>
    public static async Task<List<(Customer Customer, int Rank)>> FindAsync(
        IQueryable<Customer> customers, string q, Cursor? after, int count, CancellationToken cancellationToken)
    {
        var ranks = new Ranks(q.Trim());
        var fromRank = Exact;
        Cursor? within = null;
        if (after is not null && TryParseKey(after.Key, out var afterRank, out var afterName))
        {
            (fromRank, within) = (afterRank, after with { Key = afterName });
        }

        var found = new List<(Customer, int)>();
        for (var rank = fromRank; rank <= Similar && found.Count < count; rank++)
        {
            // Close spellings are a fallback: once anything matched as typed (on this page or an earlier one), they are left out.
            if (rank == Similar && fromRank != Similar && (found.Count > 0 || after is not null))
            {
                break;
            }

            var rows = await customers.Where(ranks.Of(rank))
                .OrderAfter(c => c.Name, c => c.Id, descending: false, rank == fromRank ? within : null, key => key)
                .Take(count - found.Count)
                .ToListAsync(cancellationToken);
            found.AddRange(rows.Select(row => (row, rank)));
        }

        return found;
    }

    public static Cursor CursorAfter(Customer last, int rank) =>
        new(Sort, string.Create(CultureInfo.InvariantCulture, $"{rank}:{last.Name}"), last.Id.ToString());

    public static bool TryParseKey(string key, out int rank, out string name)
    {
        var separator = key.IndexOf(':');
        name = separator < 0 ? "" : key[(separator + 1)..];
        return int.TryParse(key.AsSpan(0, Math.Max(separator, 0)), NumberStyles.None, CultureInfo.InvariantCulture, out rank)
            && rank is >= Exact and <= Similar;
    }

    /// <summary>One condition per rank; each leaves out the rows of the ranks before it, so every match appears once.</summary>
    private sealed class Ranks(string text)
    {
        private readonly string lowered = text.ToLowerInvariant();
        private readonly string startsWith = $"{CustomerQueries.EscapeLike(text.ToLowerInvariant())}%";
        private readonly string anywhere = $"%{CustomerQueries.EscapeLike(text)}%";
        private readonly string? digits = new string([.. text.Where(char.IsAsciiDigit)]) is { Length: >= 3 } found ? $"%{found}%" : null;

        public Expression<Func<Customer, bool>> Of(int rank)
        {
            var (typed, lowered, startsWith, anywhere, digits) = (text, this.lowered, this.startsWith, this.anywhere, this.digits);
            return rank switch
            {
                Exact => c => c.Name.ToLower() == lowered || (c.Email != null && c.Email.ToLower() == lowered),
                Prefix => c => (EF.Functions.Like(c.Name.ToLower(), startsWith) || (c.Email != null && EF.Functions.Like(c.Email.ToLower(), startsWith)))
                    && c.Name.ToLower() != lowered && (c.Email == null || c.Email.ToLower() != lowered),
                Contains => c => (EF.Functions.ILike(c.Name, anywhere) || (c.Email != null && EF.Functions.ILike(c.Email, anywhere))
                        || (digits != null && c.PhoneDigits != null && EF.Functions.Like(c.PhoneDigits, digits)))
                    && !EF.Functions.Like(c.Name.ToLower(), startsWith) && (c.Email == null || !EF.Functions.Like(c.Email.ToLower(), startsWith)),
                _ => c => EF.Functions.TrigramsAreWordSimilar(typed, c.Name),
            };
        }
    }
}
