using System.Data.Common;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>
/// Rows written before names had sort keys (<see cref="NameOrder"/>) get theirs once, at start-up: a database
/// cannot compute a pinyin key, so the migration leaves them empty and this fills them in. Plain updates, not
/// tracked entities: a sort key is not a change anyone made, so it neither bumps the version nor writes audit.
/// Nothing to do on every later start (one indexed look-up per table).
/// </summary>
public sealed class SortKeyBackfill(AppDbContext db, ILogger<SortKeyBackfill> logger)
{
    private const int Batch = 2_000;

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var filled = await FillAsync("Customers", ["StoreName", "Owner"], cancellationToken);
        filled += await FillAsync("AccountManagers", ["Name"], cancellationToken);
        filled += await FillAsync("OrgUnits", ["Name"], cancellationToken);
        return filled;
    }

    private async Task<int> FillAsync(string table, string[] names, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            var filled = 0;
            while (true)
            {
                var rows = await EmptyKeysAsync(connection, table, names, cancellationToken);
                if (rows.Count == 0)
                {
                    break;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = $"""UPDATE "{table}" SET {string.Join(", ", names.Select((n, i) => $"\"{n}SortKey\" = @k{i}"))} WHERE "Id" = @id""";
                var keys = names.Select((_, i) => Parameter(update, $"@k{i}")).ToArray();
                var id = Parameter(update, "@id");
                foreach (var (rowId, values) in rows)
                {
                    id.Value = rowId;
                    for (var i = 0; i < names.Length; i++)
                    {
                        keys[i].Value = NameOrder.KeyOf(values[i]);
                    }

                    await update.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                filled += rows.Count;
            }

            if (filled > 0)
            {
                logger.LogInformation("Sort keys written for {Rows} rows of {Table}", filled, table);
            }

            return filled;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<List<(int Id, string[] Values)>> EmptyKeysAsync(DbConnection connection, string table, string[] names, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        var columns = string.Join(", ", names.Select(n => $"\"{n}\""));
        var empty = string.Join(" OR ", names.Select(n => $"\"{n}SortKey\" = ''"));
        select.CommandText = $"""SELECT "Id", {columns} FROM "{table}" WHERE {empty} ORDER BY "Id" """;
        var rows = new List<(int, string[])>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (rows.Count < Batch && await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt32(0), [.. names.Select((_, i) => reader.GetString(i + 1))]));
        }

        return rows;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
