using Crm.Customers.Model;
using Crm.ServiceDefaults.WarmUp;

namespace Crm.Customers.Infrastructure;

/// <summary>
/// Runs the queries every new or changed customer needs once before the first one arrives: the duplicate check (e-mail,
/// phone and similar names) and the revaluation's inputs. Both only read: nobody matches the warm-up's invented
/// customer, and revaluing no customer changes nothing; the transaction is rolled back all the same.
/// </summary>
internal sealed class CustomerWritesWarmUp(IServiceScopeFactory scopeFactory) : IWarmUpStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DuplicateFinder.FindAsync(db, CustomerKind.Company, "Warm-up", "warm-up@invalid.example", "+00 000 000 000",
            companyId: Guid.Empty, except: Guid.Empty, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ValueRecalculator>().RevalueAsync([], rules: null, cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
    }
}
