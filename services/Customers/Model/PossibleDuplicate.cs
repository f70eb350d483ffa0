namespace Crm.Customers.Model;

/// <param name="Reason">Which part of the duplicate rule matched: same e-mail, same phone, similar name.</param>
public sealed record PossibleDuplicate(Guid Id, string Name, string Reason);
