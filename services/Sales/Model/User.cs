using Crm.BuildingBlocks.UserCopies;

namespace Crm.Sales.Model;

/// <summary>Sales' copy of a user: a manager sees the team's deals, and only active reps own deals or get leads.</summary>
public class User : UserCopy;
