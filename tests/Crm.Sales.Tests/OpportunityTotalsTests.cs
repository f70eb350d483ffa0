using Crm.Sales.Apis;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.Sales.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Tests;

/// <summary>
/// The board and the forecast read totals the database's triggers keep; after every kind of write a deal or a stage can
/// get, they must equal a direct computation over the deals, for every scope and filter, to the last decimal.
/// </summary>
public sealed class OpportunityTotalsTests(SalesDatabase database) : IClassFixture<SalesDatabase>
{
    private static readonly Guid DefaultPipelineId = SalesDatabase.SeededPipelineId;
    private static readonly string[] Currencies = ["EUR", "USD", "BHD"];
    private static readonly DateOnly Today = new(2026, 6, 15);
    private readonly Random random = new(7);
    private readonly Guid teamA = Guid.CreateVersion7();
    private readonly Guid teamB = Guid.CreateVersion7();
    private readonly Guid managerA = Guid.CreateVersion7();
    private readonly Guid[] reps = [.. Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7())];
    private readonly Guid customerId = Guid.CreateVersion7();
    private readonly Guid otherPipelineId = Guid.CreateVersion7();

    [Fact]
    public async Task Board_and_forecast_totals_stay_exact_through_every_kind_of_write()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await SeedAsync(cancellationToken);

        await using (var db = database.NewContext())
        {
            var stages = await db.Stages.ToListAsync(cancellationToken);
            for (var index = 0; index < 400; index++)
            {
                db.Opportunities.Add(NewDeal(index, stages));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await AssertTotalsExactAsync("after creating deals", cancellationToken);

        await ChangeDealsAsync(cancellationToken);
        await AssertTotalsExactAsync("after stage moves, wins, losses, reopenings, overrides and edits", cancellationToken);

        await using (var db = database.NewContext())
        {
            // Bulk statements, as merges, erasure and administrators' changes run them.
            await db.Opportunities.Where(o => o.OwnerId == reps[0] && o.Status != OpportunityStatus.Won)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.OwnerId, reps[3]), cancellationToken);
            await db.Opportunities.Where(o => o.CustomerId == customerId)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "Deal with an erased customer"), cancellationToken);
            await db.Opportunities.Where(o => o.Currency == "BHD" && o.Status == OpportunityStatus.Open)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Amount, o => o.Amount * 3 + 0.0005m), cancellationToken);
            var doomed = await db.Opportunities.Where(o => o.Status != OpportunityStatus.Won).OrderBy(o => o.Id).Take(40).ToListAsync(cancellationToken);
            db.Opportunities.RemoveRange(doomed);
            await db.SaveChangesAsync(cancellationToken);
            await db.Opportunities.Where(o => o.Status == OpportunityStatus.Lost && o.Amount < 20_000m).ExecuteDeleteAsync(cancellationToken);
        }

        await AssertTotalsExactAsync("after bulk owner changes, renames, amount changes and deletes", cancellationToken);

        await using (var db = database.NewContext())
        {
            // Administrators re-weight and re-categorise stages that hold deals; a rep changes team.
            var proposal = await db.Stages.SingleAsync(s => s.PipelineId == DefaultPipelineId && s.Name == "Proposal", cancellationToken);
            proposal.Probability = 45;
            proposal.ForecastCategory = ForecastCategory.Commit;
            var demo = await db.Stages.SingleAsync(s => s.PipelineId == otherPipelineId && s.Name == "Demo", cancellationToken);
            demo.Probability = 35;
            var won = await db.Stages.SingleAsync(s => s.PipelineId == otherPipelineId && s.Kind == StageKind.Won, cancellationToken);
            won.Name = "Signed";
            await db.SaveChangesAsync(cancellationToken);
            await db.Users.Where(u => u.Id == reps[1]).ExecuteUpdateAsync(set => set.SetProperty(u => u.TeamId, teamB), cancellationToken);
        }

        await AssertTotalsExactAsync("after stage probability and category changes and a team change", cancellationToken);

        await ChangeDealsAsync(cancellationToken);
        await AssertTotalsExactAsync("after a second round of deal changes", cancellationToken);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        db.Users.Add(new User { Id = managerA, DisplayName = "Manager A", TeamId = teamA, Roles = [CrmRoles.SalesManager], IsActive = true, Revision = 1 });
        for (var index = 0; index < reps.Length; index++)
        {
            db.Users.Add(new User { Id = reps[index], DisplayName = $"Rep {index}", TeamId = index < 2 ? teamA : teamB, Roles = [CrmRoles.SalesRep], IsActive = true, Revision = 1 });
        }

        db.Customers.Add(new Customer { Id = customerId, Name = "Customer", Kind = "Company", RegisteredAt = DateTimeOffset.UtcNow, Revision = 1 });
        var now = DateTimeOffset.UtcNow;
        db.Pipelines.Add(new Pipeline
        {
            Id = otherPipelineId,
            Name = $"Enterprise {otherPipelineId:N}",
            CreatedAt = now,
            UpdatedAt = now,
            Stages =
            [
                NewStage("Discovery", 0, 10, StageKind.Open, ForecastCategory.Pipeline),
                NewStage("Demo", 1, 30, StageKind.Open, ForecastCategory.Pipeline),
                NewStage("Contract", 2, 90, StageKind.Open, ForecastCategory.Commit),
                NewStage("Won", 3, 100, StageKind.Won, ForecastCategory.Closed),
                NewStage("Lost", 4, 0, StageKind.Lost, ForecastCategory.Omitted),
            ],
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private Stage NewStage(string name, int position, int probability, StageKind kind, ForecastCategory category) =>
        new() { Id = Guid.CreateVersion7(), PipelineId = otherPipelineId, Name = name, Position = position, Probability = probability, Kind = kind, ForecastCategory = category };

    private Opportunity NewDeal(int index, List<Stage> stages)
    {
        var pipelineId = random.Next(3) == 0 ? otherPipelineId : DefaultPipelineId;
        var now = DateTimeOffset.UtcNow;
        var deal = new Opportunity
        {
            Id = Guid.CreateVersion7(),
            Name = $"Deal {index}",
            CustomerId = customerId,
            PipelineId = pipelineId,
            Amount = Math.Round((decimal)random.NextDouble() * 100_000m, 4),
            Currency = Currencies[random.Next(Currencies.Length)],
            ExpectedCloseDate = Today.AddDays(random.Next(-400, 400)),
            OwnerId = reps[random.Next(reps.Length)],
            CreatedAt = now,
            UpdatedAt = now,
            StageChangedAt = now,
        };
        MoveTo(deal, PickStage(stages, pipelineId));
        deal.ProbabilityOverride = deal.Status == OpportunityStatus.Open && random.Next(4) == 0 ? random.Next(0, 101) : null;
        return deal;
    }

    private Stage PickStage(List<Stage> stages, Guid pipelineId)
    {
        var ofPipeline = stages.Where(s => s.PipelineId == pipelineId).OrderBy(s => s.Position).ToList();
        return ofPipeline[random.Next(ofPipeline.Count)];
    }

    /// <summary>What a stage move does to a deal: status from the kind; won at a UTC time, at times just before midnight at a month's end.</summary>
    private void MoveTo(Opportunity deal, Stage stage)
    {
        deal.StageId = stage.Id;
        deal.Status = stage.Kind switch { StageKind.Won => OpportunityStatus.Won, StageKind.Lost => OpportunityStatus.Lost, _ => OpportunityStatus.Open };
        var wonDay = Today.AddDays(random.Next(-400, 30));
        deal.WonAt = stage.Kind == StageKind.Won
            ? new DateTimeOffset(new DateOnly(wonDay.Year, wonDay.Month, 1).AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(-random.Next(1, 3))
            : null;
        deal.LostAt = stage.Kind == StageKind.Lost ? DateTimeOffset.UtcNow : null;
        deal.LostReason = stage.Kind == StageKind.Lost ? "Price" : null;
        if (stage.Kind != StageKind.Open)
        {
            deal.ProbabilityOverride = null;
        }
    }

    /// <summary>Stage moves (wins, losses, reopened losses), overrides set and reset, owner, amount, currency and date edits.</summary>
    private async Task ChangeDealsAsync(CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        var stages = await db.Stages.ToListAsync(cancellationToken);
        var deals = await db.Opportunities.Where(o => o.Status != OpportunityStatus.Won).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        foreach (var deal in deals)
        {
            switch (random.Next(8))
            {
                case 0 or 1:
                    MoveTo(deal, PickStage(stages, deal.PipelineId));
                    break;
                case 2:
                    deal.ProbabilityOverride = deal.Status == OpportunityStatus.Open && deal.ProbabilityOverride is null ? random.Next(0, 101) : null;
                    break;
                case 3:
                    deal.OwnerId = reps[random.Next(reps.Length)];
                    break;
                case 4:
                    deal.Amount = Math.Round((decimal)random.NextDouble() * 50_000m, 3);
                    deal.Currency = Currencies[random.Next(Currencies.Length)];
                    break;
                case 5:
                    deal.ExpectedCloseDate = deal.ExpectedCloseDate.AddDays(random.Next(-45, 45));
                    break;
                default:
                    deal.Name += " (edited)";
                    break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AssertTotalsExactAsync(string after, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        var deals = await db.Opportunities.AsNoTracking().ToListAsync(cancellationToken);
        var stages = await db.Stages.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var teams = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.TeamId, cancellationToken);
        var callers = new (string Name, CurrentUser User, Func<Opportunity, bool> Sees)[]
        {
            ("administrator", new CurrentUser("admin", "Admin", null, new HashSet<string> { CrmRoles.Administrator }), _ => true),
            ("manager", new CurrentUser(managerA.ToString(), "Manager", teamA, new HashSet<string> { CrmRoles.SalesManager }),
                deal => deal.OwnerId == managerA || teams.GetValueOrDefault(deal.OwnerId) == teamA),
            ("rep", new CurrentUser(reps[1].ToString(), "Rep", null, new HashSet<string> { CrmRoles.SalesRep }), deal => deal.OwnerId == reps[1]),
        };
        var filters = new (string Name, Guid? OwnerId, Guid? TeamId, Func<Opportunity, bool> Keeps)[]
        {
            ("no filter", null, null, _ => true),
            ("owner filter", reps[1], null, deal => deal.OwnerId == reps[1]),
            ("team filter", null, teamB, deal => teams.GetValueOrDefault(deal.OwnerId) == teamB),
        };
        var ranges = new (DateOnly From, DateOnly To)[]
        {
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
            (new DateOnly(2025, 3, 17), new DateOnly(2026, 8, 9)),
            (new DateOnly(2026, 2, 3), new DateOnly(2026, 2, 20)),
            (new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 31)),
        };

        foreach (var (callerName, caller, sees) in callers)
        {
            foreach (var (filterName, ownerId, teamId, keeps) in filters)
            {
                var visible = deals.Where(deal => sees(deal) && keeps(deal)).ToList();
                foreach (var pipelineId in new[] { DefaultPipelineId, otherPipelineId })
                {
                    var board = (Ok<BoardResponse>)(await PipelinesApi.GetBoard(pipelineId, new BoardQuery(ownerId, teamId, 3), caller, db, cancellationToken)).Result;
                    foreach (var column in board.Value!.Stages)
                    {
                        var inStage = visible.Where(deal => deal.StageId == column.StageId).ToList();
                        var where = $"{after}: board of {callerName} with {filterName}, stage {column.Name}";
                        column.Count.ShouldBe(inStage.Count, where);
                        column.Totals.ShouldBe(
                            [.. inStage.GroupBy(deal => deal.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new CurrencyTotal(g.Key,
                                g.Sum(deal => deal.Amount), g.Sum(deal => deal.Amount * (deal.ProbabilityOverride ?? stages[deal.StageId].Probability)) / 100m))],
                            where);
                        column.Cards.Count.ShouldBe(Math.Min(3, inStage.Count), where);
                    }
                }

                foreach (var (from, to) in ranges)
                {
                    foreach (var (period, byOwner, pipelineId) in new (string, bool, Guid?)[]
                        { ("month", false, null), ("quarter", true, null), ("month", true, otherPipelineId), ("quarter", false, DefaultPipelineId) })
                    {
                        var forecast = await ForecastApi.GetForecast(
                            new ForecastQuery(period, from, to, ownerId, teamId, pipelineId, byOwner), caller, db, TimeProvider.System, cancellationToken);
                        var ofPipeline = visible.Where(deal => pipelineId is null || deal.PipelineId == pipelineId);
                        forecast.Value!.Rows.ShouldBe(Expected(ofPipeline, stages, from, to, period, byOwner),
                            $"{after}: {period} forecast of {callerName} with {filterName}, {from}–{to}, by owner {byOwner}, pipeline {pipelineId}");
                    }
                }
            }
        }
    }

    /// <summary>The forecast computed deal by deal, as docs/sales.md defines it.</summary>
    private static List<ForecastRow> Expected(IEnumerable<Opportunity> deals, Dictionary<Guid, Stage> stages, DateOnly from, DateOnly to, string period, bool byOwner) =>
    [
        .. deals
            .Where(deal => deal.Status != OpportunityStatus.Lost)
            .Select(deal => (Deal: deal, Day: deal.Status == OpportunityStatus.Won ? DateOnly.FromDateTime(deal.WonAt!.Value.UtcDateTime) : deal.ExpectedCloseDate))
            .Where(counted => counted.Day >= from && counted.Day <= to)
            .GroupBy(counted => (Start: ForecastPeriod.StartOf(counted.Day, period), counted.Deal.Currency, OwnerId: byOwner ? counted.Deal.OwnerId : (Guid?)null))
            .Select(group =>
            {
                var won = group.Select(counted => counted.Deal).Where(deal => deal.Status == OpportunityStatus.Won).ToList();
                var open = group.Select(counted => counted.Deal).Where(deal => deal.Status == OpportunityStatus.Open).ToList();
                var closedWon = won.Sum(deal => deal.Amount);
                var commit = closedWon + open.Where(deal => stages[deal.StageId].ForecastCategory == ForecastCategory.Commit).Sum(deal => deal.Amount);
                var bestCase = commit + open.Where(deal => stages[deal.StageId].ForecastCategory == ForecastCategory.BestCase).Sum(deal => deal.Amount);
                return new ForecastRow(group.Key.Start, ForecastPeriod.Label(group.Key.Start, period), group.Key.Currency, group.Key.OwnerId,
                    closedWon, commit, bestCase, open.Sum(deal => deal.Amount),
                    open.Sum(deal => deal.Amount * (deal.ProbabilityOverride ?? stages[deal.StageId].Probability)) / 100m, won.Count, open.Count);
            })
            .OrderBy(row => row.PeriodStart).ThenBy(row => row.Currency, StringComparer.Ordinal).ThenBy(row => row.OwnerId),
    ];
}
