using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

/// <summary>Turns the category a client names (any letter case) into the key records store.</summary>
public static class CategoryChecks
{
    /// <summary>
    /// The key of an active category named <paramref name="requested"/> (Question when left out). A ticket keeps its
    /// <paramref name="current"/> category even after it was retired; moving to a retired or unknown one is a 400 naming
    /// <c>category</c>. Exactly one of key and problem is set.
    /// </summary>
    public static async Task<(string? Key, ValidationProblem? Problem)> ForNewTicketAsync(
        SupportDbContext db, string? requested, string? current, CancellationToken cancellationToken)
    {
        var name = requested?.Trim() ?? TicketCategory.Question;
        if (current is not null && string.Equals(name, current, StringComparison.OrdinalIgnoreCase))
        {
            return (current, null);
        }

        var category = await FindAsync(db, name, cancellationToken);
        return category is { IsActive: true }
            ? (category.Key, null)
            : (null, TicketProblems.Invalid("category", category is null
                ? $"There is no category '{name}'; GET {SupportApi.Prefix}/categories lists them."
                : $"The category '{category.Key}' is retired; pick an active one."));
    }

    /// <summary>The category whose key is <paramref name="key"/> in any letter case, or null.</summary>
    public static Task<TicketCategory?> FindAsync(SupportDbContext db, string key, CancellationToken cancellationToken)
    {
        var lower = key.ToLowerInvariant();
        return db.TicketCategories.FirstOrDefaultAsync(category => category.Key.ToLower() == lower, cancellationToken);
    }
}
