using Crm.Sales.Model;
using Crm.Sales.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Sales.Tests;

/// <summary>
/// Two writers moving deals between the same two stages in opposite directions share the board's totals rows of both
/// stages. The triggers lock those rows in key order, so one writer waits for the other instead of both deadlocking.
/// </summary>
public sealed class OpportunityTotalsLockOrderTests(SalesDatabase database) : IClassFixture<SalesDatabase>
{
    private static readonly Guid DefaultPipelineId = SalesDatabase.SeededPipelineId;
    private const string Currency = "EUR";
    private readonly Guid ownerId = Guid.CreateVersion7();
    private readonly Guid customerId = Guid.CreateVersion7();

    [Fact]
    public async Task A_deal_move_waiting_for_one_stage_total_holds_no_other()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Guid lower, higher, movingDealId;
        await using (var db = database.NewContext())
        {
            // In PostgreSQL's uuid order, the order the triggers lock the totals rows in.
            var stages = await db.Stages.Where(s => s.PipelineId == DefaultPipelineId && s.Kind == StageKind.Open)
                .OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync(cancellationToken);
            (lower, higher) = (stages[0], stages[1]);
            db.Users.Add(new User { Id = ownerId, DisplayName = "Rep", Roles = [CrmRoles.SalesRep], IsActive = true, Revision = 1 });
            db.Customers.Add(new Customer { Id = customerId, Name = "Customer", Kind = "Company", RegisteredAt = DateTimeOffset.UtcNow, Revision = 1 });
            db.Opportunities.Add(NewDeal(lower));
            var moving = NewDeal(higher);
            db.Opportunities.Add(moving);
            movingDealId = moving.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var holder = await OpenAsync(cancellationToken);
        await using var mover = await OpenAsync(cancellationToken);

        // The holder stands for a writer part-way through moving a deal from the lower stage to the higher one: it has
        // the lower stage's total and is about to take the higher stage's.
        await using var holding = await holder.BeginTransactionAsync(cancellationToken);
        await LockStageTotalAsync(holder, lower, cancellationToken);
        var moved = MoveAsync(mover, movingDealId, lower, cancellationToken);
        await Task.WhenAny(moved, Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken));
        moved.IsCompleted.ShouldBeFalse("the move from the higher stage to the lower waits for the lower stage's total");

        // Had the move taken the higher stage's total before waiting, this would close a circle: PostgreSQL would abort
        // one of the two with a deadlock after a second.
        await LockStageTotalAsync(holder, higher, cancellationToken);
        await holding.CommitAsync(cancellationToken);
        (await moved).ShouldBe(1);

        await using var check = database.NewContext();
        (await check.OpportunityStageTotals.Where(total => total.OwnerId == ownerId)
                .ToDictionaryAsync(total => total.StageId, total => total.DealCount, cancellationToken))
            .ShouldBe(new Dictionary<Guid, int> { [lower] = 2 });
    }

    private Opportunity NewDeal(Guid stageId)
    {
        var now = DateTimeOffset.UtcNow;
        return new Opportunity
        {
            Id = Guid.CreateVersion7(),
            Name = "Deal",
            CustomerId = customerId,
            PipelineId = DefaultPipelineId,
            StageId = stageId,
            Status = OpportunityStatus.Open,
            Amount = 1_000m,
            Currency = Currency,
            ExpectedCloseDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30),
            OwnerId = ownerId,
            CreatedAt = now,
            UpdatedAt = now,
            StageChangedAt = now,
        };
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task LockStageTotalAsync(NpgsqlConnection connection, Guid stageId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT deal_count FROM opportunity_stage_totals
            WHERE pipeline_id = @pipeline AND stage_id = @stage AND owner_id = @owner AND currency = @currency
            FOR UPDATE
            """, connection)
        {
            Parameters = { new("pipeline", DefaultPipelineId), new("stage", stageId), new("owner", ownerId), new("currency", Currency) },
        };
        (await command.ExecuteScalarAsync(cancellationToken)).ShouldBe(1);
    }

    private static async Task<int> MoveAsync(NpgsqlConnection connection, Guid dealId, Guid stageId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE opportunities SET stage_id = @stage WHERE id = @id", connection)
        {
            Parameters = { new("stage", stageId), new("id", dealId) },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
