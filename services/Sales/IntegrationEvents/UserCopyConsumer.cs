using Crm.BuildingBlocks.UserCopies;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;

namespace Crm.Sales.IntegrationEvents;

public sealed class UserCopyConsumer(SalesDbContext db) : UserCopyConsumer<SalesDbContext, User>(db);
