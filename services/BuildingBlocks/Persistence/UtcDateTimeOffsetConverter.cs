using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.BuildingBlocks.Persistence;

/// <summary>
/// Stores every <see cref="DateTimeOffset"/> as UTC. Npgsql writes only offset 0 to <c>timestamptz</c> and throws
/// for any other, so a client sending <c>2026-05-01T09:00:00+02:00</c> would otherwise get a 500.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value);
