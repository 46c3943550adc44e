using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace EcoAssets.Data.Seeding;

/// <summary>
/// Inserts many rows into SQLite, reading table, columns and value conversions from the EF model (owned types that
/// share the table included), so it stays in step with migrations. EF Core's change tracker, and ADO.NET's by-name
/// parameter binding, each cost several times more per row than the insert itself, which decides whether the
/// 200,000-account benchmark set loads in seconds. No bulk-insert library is served here (EFCore.BulkExtensions is
/// not). It runs inside the caller's transaction on the context's connection.
/// <para>
/// The work is split in two so that a producer thread can do the first half while the writer inserts the batch
/// before: <see cref="Prepare{T}"/> reads the values out of the entities and encodes each as SQLite will store it
/// (UTF-8 text in the forms EF Core writes, integers, reals) into one buffer; <see cref="InsertAsync(EcoAssetsDbContext, PreparedRows, CancellationToken)"/>
/// only binds: by position, many rows to a statement, text where it lies in the buffer (no copy), through e_sqlite3
/// directly (<see cref="SqliteNative"/>, else SQLitePCLRaw).
/// </para>
/// </summary>
internal static class SqliteBulkInsert
{
    // Rows per INSERT … VALUES (…), (…): SQLite's work per statement (starting, the AUTOINCREMENT bookkeeping,
    // resetting) is shared by 50 rows instead of paid by each. Capped by SQLite's 32,766 parameters.
    private const int RowsPerStatement = 50;
    private const int MaxParameters = 32_766;

    public static Task InsertAsync<T>(EcoAssetsDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class => InsertAsync(db, Prepare(db.Model, rows), cancellationToken);

    /// <summary>
    /// Reads the rows' column values out of their entities (getters, value converters, owned types) and encodes them.
    /// Safe on another thread than the writer's: the model is read-only.
    /// </summary>
    public static PreparedRows Prepare<T>(IModel model, IReadOnlyCollection<T> rows) where T : class
    {
        var encoder = RowEncoder<T>.For(model);
        var into = $"INSERT INTO \"{encoder.Table}\" ({string.Join(", ", encoder.Columns.Select(c => $"\"{c}\""))}) VALUES ";
        var encoded = new EncodedValues(rows.Count * encoder.Columns.Count * 8);
        foreach (var row in rows)
        {
            encoder.Encode(row, encoded);
        }
        return new PreparedRows(into, encoder.Columns.Count, rows.Count, encoded);
    }

    /// <summary>Inserts prepared rows, once: their buffer goes back to the pool.</summary>
    public static Task InsertAsync(EcoAssetsDbContext db, PreparedRows rows, CancellationToken cancellationToken) =>
        InsertAsync(db, rows, SqliteNative.Exports, cancellationToken);

    /// <summary>The same, through SQLitePCLRaw when <paramref name="native"/> is null (where e_sqlite3's exports are not found).</summary>
    internal static async Task InsertAsync(EcoAssetsDbContext db, PreparedRows rows, SqliteNative.Functions? native, CancellationToken cancellationToken)
    {
        try
        {
            if (rows.Count == 0)
            {
                return;
            }
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            var handle = connection.Handle!;
            var perStatement = Math.Clamp(MaxParameters / rows.Columns, 1, RowsPerStatement);
            var whole = rows.Count / perStatement * perStatement;
            var values = rows.Values.Written;
            var consumed = 0;
            if (whole > 0)
            {
                consumed = Insert(native, handle, rows.Sql(perStatement), values, rows.Columns, whole, perStatement);
            }
            if (whole < rows.Count)
            {
                Insert(native, handle, rows.Sql(rows.Count - whole), values[consumed..], rows.Columns, rows.Count - whole, rows.Count - whole);
            }
        }
        finally
        {
            rows.Values.Release();
        }
    }

    // Binds `count` rows of encoded values, `perStatement` to each execution of the statement; returns the bytes read.
    private static int Insert(SqliteNative.Functions? native, sqlite3 handle, string sql, ReadOnlySpan<byte> values, int columns, int count, int perStatement)
    {
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            return native is not null
                ? InsertDirect(native, handle, statement, values, columns, count, perStatement)
                : InsertThroughProvider(handle, statement, values, columns, count, perStatement);
        }
    }

    // The bindings are cleared to NULL once a statement and only values are bound (an account's owned details of the
    // other kinds are a dozen NULL columns). Text is bound SQLITE_STATIC: SQLite reads it in the buffer, which is
    // fixed until the statement has run.
    private static unsafe int InsertDirect(SqliteNative.Functions native, sqlite3 handle, sqlite3_stmt prepared, ReadOnlySpan<byte> values, int columns, int count, int perStatement)
    {
        var statement = prepared.DangerousGetHandle();
        fixed (byte* start = values)
        {
            var at = start;
            for (var done = 0; done < count; done += perStatement)
            {
                native.ClearBindings(statement);
                var parameters = perStatement * columns;
                for (var index = 1; index <= parameters; index++)
                {
                    var kind = (ValueKind)(*at++);
                    switch (kind)
                    {
                        case ValueKind.Null:
                            continue;
                        case ValueKind.Integer:
                            Check(handle, native.BindInt64(statement, index, Unsafe.ReadUnaligned<long>(at)));
                            at += sizeof(long);
                            break;
                        case ValueKind.Real:
                            Check(handle, native.BindDouble(statement, index, Unsafe.ReadUnaligned<double>(at)));
                            at += sizeof(double);
                            break;
                        default:
                            var length = Unsafe.ReadUnaligned<int>(at);
                            at += sizeof(int);
                            Check(handle, kind == ValueKind.Text
                                ? native.BindText(statement, index, at, length, SqliteNative.Static)
                                : raw.sqlite3_bind_blob(prepared, index, new ReadOnlySpan<byte>(at, length)));
                            at += length;
                            break;
                    }
                }
                Step(handle, native.Step(statement));
                native.Reset(statement);
            }
            // No pointer into the buffer outlives the fixed block.
            native.ClearBindings(statement);
            return (int)(at - start);
        }
    }

    private static int InsertThroughProvider(sqlite3 handle, sqlite3_stmt statement, ReadOnlySpan<byte> values, int columns, int count, int perStatement)
    {
        var at = 0;
        for (var done = 0; done < count; done += perStatement)
        {
            raw.sqlite3_clear_bindings(statement);
            var parameters = perStatement * columns;
            for (var index = 1; index <= parameters; index++)
            {
                var result = EncodedValues.Read(values, ref at, out var integer, out var real, out var bytes) switch
                {
                    ValueKind.Null => raw.SQLITE_OK,
                    ValueKind.Integer => raw.sqlite3_bind_int64(statement, index, integer),
                    ValueKind.Real => raw.sqlite3_bind_double(statement, index, real),
                    ValueKind.Text => raw.sqlite3_bind_text(statement, index, values[bytes]),
                    _ => raw.sqlite3_bind_blob(statement, index, values[bytes]),
                };
                Check(handle, result);
            }
            Step(handle, raw.sqlite3_step(statement));
            raw.sqlite3_reset(statement);
        }
        return at;
    }

    private static void Step(sqlite3 handle, int result)
    {
        if (result != raw.SQLITE_DONE)
        {
            Check(handle, result == raw.SQLITE_OK ? raw.SQLITE_ERROR : result);
        }
    }

    /// <summary>
    /// Drops the secondary indexes of <paramref name="tables"/> until the returned scope is disposed, which creates
    /// them again from their own SQL: SQLite builds an index in one sorted pass over a loaded table instead of keeping
    /// it up to date row by row (for the 200,000-account seed, 1.3 s at the end against 3.4 s more of writing). Within
    /// the caller's transaction, so a failed load leaves the indexes as they were; a unique index that the loaded rows
    /// break fails the load.
    /// </summary>
    public static async Task<IAsyncDisposable> DeferIndexesAsync(EcoAssetsDbContext db, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = await CommandAsync(db, cancellationToken))
        {
            // Indexes SQLite made itself (primary keys, UNIQUE constraints) have no SQL and stay.
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each($tables))";
            command.Parameters.AddWithValue("$tables", System.Text.Json.JsonSerializer.Serialize(tables));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        // Names as SQLite has them in its catalogue, quoted.
        await ExecuteAsync(db, indexes.Select(i => $"DROP INDEX \"{i.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\""), cancellationToken);
        return new DeferredIndexes(db, indexes.Select(i => i.Sql).ToList());
    }

    private sealed class DeferredIndexes(EcoAssetsDbContext db, List<string> creates) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ExecuteAsync(db, creates, CancellationToken.None);
    }

    private static async Task<SqliteCommand> CommandAsync(EcoAssetsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
        return command;
    }

    private static async Task ExecuteAsync(EcoAssetsDbContext db, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, cancellationToken);
        foreach (var sql in statements)
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Check(sqlite3 handle, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);
        }
    }


    /// <summary>An INSERT's table and columns, and its rows' values, encoded.</summary>
    public sealed record PreparedRows(string Into, int Columns, int Count, EncodedValues Values)
    {
        public string Sql(int rows)
        {
            var one = $"({string.Join(", ", Enumerable.Repeat("?", Columns))})";
            return Into + string.Join(", ", Enumerable.Repeat(one, rows));
        }
    }
}
