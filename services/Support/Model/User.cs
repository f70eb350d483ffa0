using Crm.BuildingBlocks.UserCopies;

namespace Crm.Support.Model;

/// <summary>Support's copy of a user: a lead assigns only to members of their team.</summary>
public class User : UserCopy;
