using Microsoft.Data.Sqlite;

/// <summary>
/// One prepared <c>INSERT</c> into one table, run once per row inside the connection's open transaction. The
/// columns are named where the row is written (see <see cref="ProvinceGenerator"/>), so that a new column is
/// one name and one value in the same method. A column named with a leading <c>?</c> is written only when the
/// table has it (a column a newer migration adds); a column of the table the generator does not write is named
/// once on the console, since it keeps its default.
/// </summary>
internal sealed class TableInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private readonly bool[] _written;

    public TableInsert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        Table = table;
        var existing = ColumnsOf(connection, transaction, table);
        _written = [.. columns.Select(c => !c.StartsWith('?') || existing.Contains(c[1..]))];
        var names = columns.Where((_, i) => _written[i]).Select(c => c.TrimStart('?')).ToList();
        var unwritten = existing.Except(names).Where(c => c != "Id").ToList();
        if (unwritten.Count > 0)
        {
            Console.WriteLine($"  note: {table} has columns the generator does not write (they keep their defaults): {string.Join(", ", unwritten)}");
        }

        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(c => $"\"{c}\""))}) " +
                               $"VALUES ({string.Join(", ", names.Select((_, i) => $"$p{i}"))})";
        _parameters = [.. names.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"$p{i}", null)))];
        _command.Prepare();
    }

    public string Table { get; }

    /// <summary>Rows written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Writes one row: the values in the order of the columns given to the constructor (null: NULL).</summary>
    public void Run(params object?[] values)
    {
        if (values.Length != _written.Length)
        {
            throw new ArgumentException($"{Table}: {values.Length} values for {_written.Length} columns.", nameof(values));
        }

        for (int i = 0, p = 0; i < values.Length; i++)
        {
            if (_written[i])
            {
                // Microsoft.Data.Sqlite writes DateTime as EF Core does ("yyyy-MM-dd HH:mm:ss.FFFFFFF"), DateOnly as
                // "yyyy-MM-dd" and bool as 0/1; decimals would become TEXT, so callers pass doubles (EF's REAL on SQLite).
                _parameters[p++].Value = values[i] ?? DBNull.Value;
            }
        }

        _command.ExecuteNonQuery();
        Count++;
    }

    public void Dispose() => _command.Dispose();

    private static HashSet<string> ColumnsOf(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var columns = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.Count > 0 ? columns : throw new InvalidOperationException($"The schema has no table {table}.");
    }
}
