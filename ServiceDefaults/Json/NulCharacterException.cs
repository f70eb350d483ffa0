using System.Text.Json;

namespace Crm.ServiceDefaults.Json;

public sealed class NulCharacterException() : JsonException(Explanation)
{
    public const string Explanation = "The text contains a NUL character, which cannot be stored.";
}
