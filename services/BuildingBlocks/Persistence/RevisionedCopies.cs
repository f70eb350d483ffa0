using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Persistence;

/// <summary>A service's copy of a record another service owns, kept from events that carry the record's revision.</summary>
public interface IRevisionedCopy
{
    Guid Id { get; }

    int Revision { get; set; }
}

public static class RevisionedCopies
{
    /// <summary>
    /// The tracked copy an event of <paramref name="revision"/> should overwrite (a new one, added, when there is none
    /// yet), or null when the copy is already at that revision or later: a redelivered or overtaken event changes nothing.
    /// The caller sets the fields and the revision, then saves.
    /// </summary>
    public static async Task<TCopy?> ToOverwriteAsync<TCopy>(
        this DbSet<TCopy> copies, Guid id, int revision, Func<TCopy> create, CancellationToken cancellationToken)
        where TCopy : class, IRevisionedCopy
    {
        var copy = await copies.FirstOrDefaultAsync(c => EF.Property<Guid>(c, nameof(IRevisionedCopy.Id)) == id, cancellationToken);
        if (copy is null)
        {
            copy = create();
            copies.Add(copy);
            return copy;
        }

        return copy.Revision >= revision ? null : copy;
    }
}
