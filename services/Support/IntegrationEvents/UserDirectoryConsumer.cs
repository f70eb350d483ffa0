using Crm.BuildingBlocks.UserCopies;
using Crm.Support.Infrastructure;
using Crm.Support.Model;

namespace Crm.Support.IntegrationEvents;

public sealed class UserDirectoryConsumer(SupportDbContext db) : UserCopyConsumer<SupportDbContext, User>(db);
