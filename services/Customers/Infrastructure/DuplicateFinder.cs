using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure;

/// <summary>
/// The duplicate rule: the same e-mail, the same phone number (by its digits), a contact with a very similar name in
/// the same company, or a company with a very similar name. Every test reads a trigram index, so it stays fast on
/// large tables.
/// </summary>
public static class DuplicateFinder
{
    /// <summary>How alike two names must be (pg_trgm similarity, 0–1) to count as the same customer.</summary>
    public const double NameSimilarity = 0.6;

    private const int MinPhoneDigits = 6;
    private const int MaxMatches = 10;

    public static async Task<List<PossibleDuplicate>> FindAsync(
        CustomersDbContext db, CustomerKind kind, string name, string? email, string? phone, Guid? companyId, Guid? except,
        CancellationToken cancellationToken)
    {
        var digits = phone is null ? null : new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits?.Length < MinPhoneDigits)
        {
            digits = null;
        }

        var emailPattern = string.IsNullOrWhiteSpace(email) ? null : email.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
        var isCompany = kind == CustomerKind.Company;
        var matches = await db.Customers.AsNoTracking()
            .Where(c => c.Id != except)
            .Where(c =>
                (emailPattern != null && EF.Functions.ILike(c.Email!, emailPattern)) ||
                (digits != null && c.PhoneDigits == digits) ||
                (companyId != null && c.CompanyId == companyId && EF.Functions.TrigramsAreSimilar(c.Name, name) && EF.Functions.TrigramsSimilarity(c.Name, name) >= NameSimilarity) ||
                (isCompany && c.Kind == CustomerKind.Company && EF.Functions.TrigramsAreSimilar(c.Name, name) && EF.Functions.TrigramsSimilarity(c.Name, name) >= NameSimilarity))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(MaxMatches)
            .Select(c => new { c.Id, c.Name, c.Email, c.PhoneDigits, c.CompanyId, c.Kind })
            .ToListAsync(cancellationToken);

        return [.. matches.Select(match => new PossibleDuplicate(match.Id, match.Name, Reason(match.Email, match.PhoneDigits)))];

        string Reason(string? matchEmail, string? matchDigits) =>
            emailPattern is not null && string.Equals(matchEmail, email?.Trim(), StringComparison.OrdinalIgnoreCase) ? "same e-mail"
            : digits is not null && matchDigits == digits ? "same phone"
            : isCompany ? "similar company name" : "similar name in the same company";
    }
}
