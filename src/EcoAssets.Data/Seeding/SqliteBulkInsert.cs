using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace EcoAssets.Data.Seeding;

/// <summary>
/// Inserts many rows into SQLite with one prepared statement per table, reading table, columns and value
/// conversions from the EF model (owned types that share the table included), so it stays in step with migrations.
/// It binds by position through SQLitePCLRaw (the layer under Microsoft.Data.Sqlite): EF Core's change tracker, and
/// ADO.NET's by-name parameter binding, each cost several times more per row than the insert itself, which decides
/// whether the 200,000-account benchmark set loads in seconds. No bulk-insert library is served here
/// (EFCore.BulkExtensions is not). It runs inside the caller's transaction on the context's connection.
/// </summary>
internal static class SqliteBulkInsert
{
    public static async Task InsertAsync<T>(EcoAssetsDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = Columns(entityType, table, row => row).ToList();

        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var handle = connection.Handle!;
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    Check(handle, Bind(statement, i + 1, columns[i].Read(row)));
                }
                if (raw.sqlite3_step(statement) != raw.SQLITE_DONE)
                {
                    Check(handle, raw.SQLITE_ERROR);
                }
                raw.sqlite3_reset(statement);
            }
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
