namespace Crm.Hosting;

/// <param name="Data">The message as sent after DATA (headers and body, RFC 5322).</param>
public sealed record CapturedMail(string From, IReadOnlyList<string> To, string Data, DateTimeOffset ReceivedAt)
{
    public string? Subject => Header("Subject");

    public string? Header(string name)
    {
        foreach (var line in Data.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                return null;
            }

            if (line.StartsWith($"{name}:", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }
}
