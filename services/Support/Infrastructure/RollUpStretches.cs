namespace Crm.Support.Infrastructure;

/// <summary>
/// A period's whole days as the roll-up reads them: day rows from <paramref name="DaysStart"/> to
/// <paramref name="MonthsStart"/>, month rows up to <paramref name="MonthsEnd"/>, day rows again up to
/// <paramref name="DaysEnd"/> (each end exclusive; an empty stretch has equal ends).
/// </summary>
public sealed record RollUpStretches(DateOnly DaysStart, DateOnly MonthsStart, DateOnly MonthsEnd, DateOnly DaysEnd);
