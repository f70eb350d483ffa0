using System.Text.Json;
using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Model.Valuation;

namespace Crm.Customers.Model;

public class Customer : IHasCustomFields
{
    public Guid Id { get; set; }
    public CustomerKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>For a person: the company they are a contact of; null for a company or an individual (B2C) customer.</summary>
    public Guid? CompanyId { get; set; }

    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>The phone's digits only, computed by the database, so "030 123" finds "+49 30 123".</summary>
    public string? PhoneDigits { get; private set; }

    /// <summary>The name's words, lower-cased by the database (<c>customer_name_words(name)</c>), for the typo-tolerant search.</summary>
    public List<string> NameWords { get; private set; } = [];

    public Address Address { get; set; } = new();
    public string? Industry { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }

    /// <summary>The user responsible for the customer.</summary>
    public Guid? OwnerId { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Values of the fields administrators added (see <see cref="CustomFieldDefinition"/>), key → value.</summary>
    public JsonDocument CustomFields { get; set; } = CustomFieldValues.Empty();

    /// <summary>When the person's data was erased on request; the record stays, anonymised, for the figures.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Counts changes (1 when created); events carry it so other services apply them in order.</summary>
    public int Revision { get; set; } = 1;

    /// <summary>What the customer is worth and how they stand; computed, never edited.</summary>
    public CustomerValue? Value { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag, so a stale edit is refused instead of overwriting.</summary>
    public uint Version { get; set; }
}
