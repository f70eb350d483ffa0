using Crm.Sales.Model;

namespace Crm.Sales.Apis;

/// <param name="LeftAt">Null for the stage the deal is in now.</param>
/// <param name="SecondsInStage">Until it left, or until now for the current stage.</param>
public sealed record StageVisitResponse(Guid StageId, string StageName, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, long SecondsInStage)
{
    public static StageVisitResponse From(StageVisit visit, DateTimeOffset now) =>
        new(visit.StageId, visit.StageName, visit.EnteredAt, visit.LeftAt, (long)((visit.LeftAt ?? now) - visit.EnteredAt).TotalSeconds);
}
