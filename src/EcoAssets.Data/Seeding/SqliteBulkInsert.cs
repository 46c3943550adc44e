using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace EcoAssets.Data.Seeding;

/// <summary>
/// Inserts many rows into SQLite with one prepared statement per table, reading table, columns and value
/// conversions from the EF model (owned types that share the table included), so it stays in step with migrations.
/// It binds by position through e_sqlite3 (<see cref="SqliteNative"/>, else SQLitePCLRaw): EF Core's change tracker, and
/// ADO.NET's by-name parameter binding, each cost several times more per row than the insert itself, which decides
/// whether the 200,000-account benchmark set loads in seconds. No bulk-insert library is served here
/// (EFCore.BulkExtensions is not). It runs inside the caller's transaction on the context's connection.
/// </summary>
internal static class SqliteBulkInsert
{
    public static Task InsertAsync<T>(EcoAssetsDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class => InsertAsync(db, Prepare(db.Model, rows), cancellationToken);

    /// <summary>
    /// Reads the rows' column values out of their entities (getters, value converters, owned types): work that a
    /// producer thread can do while the writer inserts the batch before, since the model is read-only.
    /// </summary>
    public static PreparedRows Prepare<T>(IModel model, IReadOnlyCollection<T> rows) where T : class
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = Columns(entityType, table, row => row).ToList();
        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        var values = new object?[rows.Count][];
        var at = 0;
        foreach (var row in rows)
        {
            var line = values[at++] = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                line[i] = columns[i].Read(row);
            }
        }
        return new PreparedRows(sql, values);
    }

    public static async Task InsertAsync(EcoAssetsDbContext db, PreparedRows rows, CancellationToken cancellationToken)
    {
        if (rows.Values.Length == 0)
        {
            return;
        }
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var handle = connection.Handle!;
        Check(handle, raw.sqlite3_prepare_v2(handle, rows.Sql, out var statement));
        using (statement)
        {
            if (SqliteNative.Exports is { } native)
            {
                InsertDirect(native, handle, statement, rows.Values);
                return;
            }
            foreach (var row in rows.Values)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    Check(handle, Bind(statement, i + 1, row[i]));
                }
                if (raw.sqlite3_step(statement) != raw.SQLITE_DONE)
                {
                    Check(handle, raw.SQLITE_ERROR);
                }
                raw.sqlite3_reset(statement);
            }
        }
    }

    // The same rows through SqliteNative: the bindings are cleared to NULL once a row and only values are bound (an
    // account's owned details of the other kinds are a dozen NULL columns).
    private static unsafe void InsertDirect(SqliteNative.Functions native, sqlite3 handle, sqlite3_stmt prepared, object?[][] rows)
    {
        // SQLITE_TRANSIENT: SQLite copies the text, which lives in this frame's buffer.
        const nint transient = -1;
        var statement = prepared.DangerousGetHandle();
        Span<byte> buffer = stackalloc byte[1024];
        foreach (var row in rows)
        {
            native.ClearBindings(statement);
            for (var i = 0; i < row.Length; i++)
            {
                var index = i + 1;
                var result = row[i] switch
                {
                    null => raw.SQLITE_OK,
                    bool flag => native.BindInt64(statement, index, flag ? 1 : 0),
                    int number => native.BindInt64(statement, index, number),
                    long number => native.BindInt64(statement, index, number),
                    double number => native.BindDouble(statement, index, number),
                    string text when text.Length * 3 <= buffer.Length => BindText(native, statement, index, buffer[..System.Text.Encoding.UTF8.GetBytes(text, buffer)], transient),
                    decimal number => BindText(native, statement, index, DecimalText(number, buffer), transient),
                    DateTime time => BindText(native, statement, index, DateTimeText(time, buffer), transient),
                    var other => Bind(prepared, index, other),
                };
                Check(handle, result);
            }
            if (native.Step(statement) != raw.SQLITE_DONE)
            {
                Check(handle, raw.SQLITE_ERROR);
            }
            native.Reset(statement);
        }
    }

    private static unsafe int BindText(SqliteNative.Functions native, nint statement, int index, ReadOnlySpan<byte> utf8, nint destructor)
    {
        fixed (byte* text = utf8)
        {
            return native.BindText(statement, index, text, utf8.Length, destructor);
        }
    }

    /// <summary>
    /// Drops the secondary indexes of <paramref name="tables"/> until the returned scope is disposed, which creates
    /// them again from their own SQL: SQLite builds an index in one sorted pass over a loaded table instead of keeping
    /// it up to date row by row (a few percent of the 200,000-account seed here; the writer's binding cost more). Within the caller's transaction, so a failed load leaves the
    /// indexes as they were; a unique index that the loaded rows break fails the load.
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

    // The same text forms Microsoft.Data.Sqlite writes and EF Core compares against: decimals as
    // ToString("0.0###...") (no trailing zeros, at least one decimal), times as "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    // dates as "yyyy-MM-dd". Written as UTF-8 straight into a stack buffer: a string and its UTF-8 copy per value
    // cost as much as the insert itself.
    private static int Bind(sqlite3_stmt statement, int index, object? value)
    {
        Span<byte> buffer = stackalloc byte[64];
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(statement, index);
            case string text:
                return raw.sqlite3_bind_text(statement, index, text);
            case bool flag:
                return raw.sqlite3_bind_int(statement, index, flag ? 1 : 0);
            case int number:
                return raw.sqlite3_bind_int64(statement, index, number);
            case long number:
                return raw.sqlite3_bind_int64(statement, index, number);
            case double number:
                return raw.sqlite3_bind_double(statement, index, number);
            case byte[] blob:
                return raw.sqlite3_bind_blob(statement, index, blob);
            case decimal number:
                return raw.sqlite3_bind_text(statement, index, DecimalText(number, buffer));
            case DateTime time:
                return raw.sqlite3_bind_text(statement, index, DateTimeText(time, buffer));
            case DateOnly date:
                date.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return raw.sqlite3_bind_text(statement, index, buffer[..written]);
            default:
                throw new NotSupportedException($"Bulk insert cannot bind a {value.GetType().Name}; add it here or insert this table through EF Core.");
        }
    }

    internal static ReadOnlySpan<byte> DecimalText(decimal number, Span<byte> buffer)
    {
        number.TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture);
        var text = buffer[..length];
        if (text.IndexOf((byte)'.') < 0)
        {
            ".0"u8.CopyTo(buffer[length..]);
            return buffer[..(length + 2)];
        }
        text = text.TrimEnd((byte)'0');
        if (text[^1] == '.')
        {
            buffer[text.Length] = (byte)'0';
            return buffer[..(text.Length + 1)];
        }
        return text;
    }

    internal static ReadOnlySpan<byte> DateTimeText(DateTime time, Span<byte> buffer)
    {
        time.TryFormat(buffer, out var length, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        if (fraction == 0)
        {
            return buffer[..length];
        }
        buffer[length++] = (byte)'.';
        fraction.TryFormat(buffer[length..], out var digits, "D7", CultureInfo.InvariantCulture);
        return buffer[..(length + digits)].TrimEnd((byte)'0');
    }

    private static void Check(sqlite3 handle, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);
        }
    }

    private sealed record Column(string Name, Func<object, object?> Read);

    /// <summary>An INSERT statement and its rows' values, in column order, as EF Core would store them.</summary>
    public sealed record PreparedRows(string Sql, object?[][] Values);


    // The entity's own columns (store-generated keys left to the database), then those of owned types in the same table.
    private static IEnumerable<Column> Columns(IEntityType entityType, StoreObjectIdentifier table, Func<object, object?> owner)
    {
        foreach (var property in entityType.GetProperties())
        {
            if (property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey() && property.ClrType != typeof(string))
            {
                continue;
            }
            if (property.IsShadowProperty() || property.IsPrimaryKey() && entityType.IsOwned())
            {
                continue;
            }
            var getter = property.GetGetter();
            var converter = property.GetTypeMapping().Converter;
            yield return new(property.GetColumnName(table)!, row =>
            {
                var instance = owner(row);
                if (instance is null)
                {
                    return null;
                }
                var value = getter.GetClrValueUsingContainingEntity(instance);
                return value is null || converter is null ? value : converter.ConvertToProvider(value);
            });
        }
        foreach (var navigation in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsCollection))
        {
            var read = navigation.GetGetter();
            foreach (var column in Columns(navigation.TargetEntityType, table, row => owner(row) is { } o ? read.GetClrValueUsingContainingEntity(o) : null))
            {
                yield return column;
            }
        }
    }
}
