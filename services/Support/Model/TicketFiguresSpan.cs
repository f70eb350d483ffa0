namespace Crm.Support.Model;

/// <summary>How long a stretch a <see cref="TicketFigures"/> row adds up: one UTC day, or one calendar month (UTC).</summary>
public enum TicketFiguresSpan : short
{
    Day = 0,
    Month = 1,
}
