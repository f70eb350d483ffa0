namespace Crm.Support.Model;

/// <summary>Whose tickets a <see cref="TicketFigures"/> row adds up.</summary>
public enum TicketFiguresGrain : short
{
    Everyone = 0,
    Team = 1,
}
