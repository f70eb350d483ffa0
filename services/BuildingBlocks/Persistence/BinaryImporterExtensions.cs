using Npgsql;
using NpgsqlTypes;

namespace Crm.BuildingBlocks.Persistence;

/// <summary>Writing an optional column in a binary <c>COPY</c>: Npgsql refuses a null value, so a missing one is written as NULL.</summary>
public static class BinaryImporterExtensions
{
    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } present ? writer.WriteAsync(present, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
