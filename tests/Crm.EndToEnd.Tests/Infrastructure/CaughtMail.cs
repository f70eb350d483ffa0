using System.Collections.Concurrent;
using Crm.Hosting;
using MimeKit;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What actually reached the AppHost's SMTP catcher, parsed with MimeKit. Every test shares the catcher, so tests
/// find their own mail by recipient address (make those unique) or by a unique subject.
/// </summary>
public sealed class CaughtMail(MailCatcherResource catcher)
{
    // Maildir files never change once written; parsing each once keeps polling cheap.
    private readonly ConcurrentDictionary<string, MimeMessage> parsed = new();

    public IReadOnlyList<MimeMessage> All() =>
        [.. catcher.MessageFiles().Select(file => parsed.GetOrAdd(file, path => MimeMessage.Load(path)))];

    /// <summary>Every message whose envelope or To header names <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. All().Where(message => message.To.Mailboxes.Any(mailbox => string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until a message to <paramref name="address"/> has arrived, because services send mail in the background.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, TimeSpan? within = null, Func<MimeMessage, bool>? matching = null)
    {
        MimeMessage? found = null;
        await Eventually.HoldsAsync(
            () => Task.FromResult((found = To(address).FirstOrDefault(message => matching?.Invoke(message) ?? true)) is not null),
            within ?? TimeSpan.FromSeconds(30),
            $"a mail to {address} reaches the catcher");
        return found!;
    }
}
