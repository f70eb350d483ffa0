using System.Globalization;
using System.Linq.Expressions;
using Crm.BuildingBlocks.Persistence;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>
/// The ranked search behind <c>q</c>. Matches come in ranks, best first, and by name within a rank: the name or e-mail is
/// the text (<see cref="Exact"/>); starts with it (<see cref="Prefix"/>); contains it, or the phone contains its digits
/// (<see cref="Contains"/>); and, only when nothing matches as typed, names with a close spelling of it
/// (<see cref="Similar"/> onwards). Each rank is its own query, asked only while the page is not full, so a text that
/// thousands of customers start with costs one page of rows from the lower(name)/lower(email) indexes instead of
/// collecting and sorting every match. The cursor holds the rank with the name, and the id.
/// Close spellings: each typed word (of 3 letters or more) is corrected against the dictionary of the names' words
/// (<see cref="NameWord"/>, pg_trgm similarity); the best combinations of corrected words are ranks of their own, best
/// first, each finding the customers whose name has all of its words (<see cref="Customer.NameWords"/>'s GIN index).
/// Text is lower-cased by PostgreSQL only, so a typed name and a stored one are folded alike whatever the letters.
/// </summary>
public static class CustomerSearch
{
    public const string Sort = "relevance";
    public const int Exact = 0;
    public const int Prefix = 1;
    public const int Contains = 2;
    public const int Similar = 3;
    public const int MaxCorrections = 4;
    public const int LastRank = Similar + MaxCorrections - 1;

    /// <summary>Shorter words have too few trigrams to tell a typo from another word; they are left out of the correction.</summary>
    private const int MinCorrectedLength = 3;

    private const int CandidatesPerWord = 3;
    private const int MaxCorrectedWords = 5;

    /// <summary>Up to <paramref name="count"/> matches after the cursor's row, with the rank of each.</summary>
    public static async Task<List<(Customer Customer, int Rank)>> FindAsync(
        CustomersDbContext db, IQueryable<Customer> customers, string q, Cursor? after, int count, CancellationToken cancellationToken)
    {
        var text = q.Trim();
        var lowered = await db.Database.SqlQuery<string>($"SELECT lower({text}) AS \"Value\"").SingleAsync(cancellationToken);
        var ranks = new Ranks(text, lowered);
        var fromRank = Exact;
        Cursor? within = null;
        if (after is not null && TryParseKey(after.Key, out var afterRank, out var afterName))
        {
            (fromRank, within) = (afterRank, after with { Key = afterName });
        }

        var found = new List<(Customer, int)>();
        List<string[]>? corrections = null;
        for (var rank = fromRank; rank <= LastRank && found.Count < count; rank++)
        {
            if (rank >= Similar)
            {
                // Close spellings are a fallback: once anything matched as typed (on this page or an earlier one), they are left out.
                if (rank == Similar && fromRank < Similar && (found.Count > 0 || after is not null))
                {
                    break;
                }

                corrections ??= await CorrectionsAsync(db, text, cancellationToken);
                if (rank - Similar >= corrections.Count)
                {
                    break;
                }
            }

            var rows = await ranks.Keep(customers, rank, corrections)
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
            && rank is >= Exact and <= LastRank;
    }

    /// <summary>
    /// The likeliest spellings of the typed words, best first: each word's closest dictionary words, combined and ordered
    /// by their summed similarity. None when a word has no close word at all, so a name nobody has costs a few
    /// dictionary look-ups instead of a scan of the names.
    /// </summary>
    private static async Task<List<string[]>> CorrectionsAsync(CustomersDbContext db, string text, CancellationToken cancellationToken)
    {
        // Split by the same function as the stored names, so both sides hold the same words.
        var words = await db.Database.SqlQuery<string>($"SELECT unnest(customer_name_words({text})) AS \"Value\"").ToListAsync(cancellationToken);
        var combinations = new List<(string[] Words, double Score)> { ([], 0) };
        foreach (var word in words.Where(word => word.Length >= MinCorrectedLength).Distinct().Take(MaxCorrectedWords))
        {
            var close = await db.NameWords.AsNoTracking()
                .Where(entry => EF.Functions.TrigramsAreSimilar(entry.Word, word))
                .Select(entry => new { entry.Word, Score = EF.Functions.TrigramsSimilarity(entry.Word, word) })
                .OrderByDescending(entry => entry.Score).ThenBy(entry => entry.Word)
                .Take(CandidatesPerWord)
                .ToListAsync(cancellationToken);
            combinations = [.. combinations
                .SelectMany(combination => close.Select(entry => (Words: (string[])[.. combination.Words, entry.Word], Score: combination.Score + entry.Score)))
                .OrderByDescending(combination => combination.Score)
                .Take(MaxCorrections)];
        }

        return [.. combinations.Where(combination => combination.Words.Length > 0).Select(combination => combination.Words)];
    }

    /// <summary>One condition per rank; each leaves out the rows of the ranks before it, so every match appears once.</summary>
    private sealed class Ranks(string text, string lowered)
    {
        private readonly string startsWith = $"{CustomerQueries.EscapeLike(lowered)}%";
        private readonly string anywhere = $"%{CustomerQueries.EscapeLike(text)}%";
        private readonly string? digits = new string([.. text.Where(char.IsAsciiDigit)]) is { Length: >= 3 } found ? $"%{found}%" : null;

        public IQueryable<Customer> Keep(IQueryable<Customer> customers, int rank, List<string[]>? corrections) =>
            rank < Similar ? customers.Where(Of(rank)) : HavingWords(customers, corrections![rank - Similar], corrections.Take(rank - Similar));

        private Expression<Func<Customer, bool>> Of(int rank)
        {
            var (startsWith, anywhere, digits) = (this.startsWith, this.anywhere, this.digits);
            return rank switch
            {
                Exact => c => c.Name.ToLower() == lowered || (c.Email != null && c.Email.ToLower() == lowered),
                Prefix => c => (EF.Functions.Like(c.Name.ToLower(), startsWith) || (c.Email != null && EF.Functions.Like(c.Email.ToLower(), startsWith)))
                    && c.Name.ToLower() != lowered && (c.Email == null || c.Email.ToLower() != lowered),
                Contains => c => (EF.Functions.ILike(c.Name, anywhere) || (c.Email != null && EF.Functions.ILike(c.Email, anywhere))
                        || (digits != null && c.PhoneDigits != null && EF.Functions.Like(c.PhoneDigits, digits)))
                    && !EF.Functions.Like(c.Name.ToLower(), startsWith) && (c.Email == null || !EF.Functions.Like(c.Email.ToLower(), startsWith)),
                _ => throw new ArgumentOutOfRangeException(nameof(rank)),
            };
        }

        /// <summary>Names with every word of the correction and not all the words of any better one (those came earlier).</summary>
        private static IQueryable<Customer> HavingWords(IQueryable<Customer> customers, string[] correction, IEnumerable<string[]> better)
        {
            customers = customers.Where(c => correction.All(word => c.NameWords.Contains(word)));
            foreach (var earlier in better)
            {
                customers = customers.Where(c => !earlier.All(word => c.NameWords.Contains(word)));
            }

            return customers;
        }
    }
}
