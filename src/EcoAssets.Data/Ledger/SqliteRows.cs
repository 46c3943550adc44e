using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// A read-only statement stepped row by row, its columns read through <see cref="SqliteNative"/>: Verify() reads
/// some forty columns a row from a million rows. The connection is opened without SQLite's mutex (only this thread
/// uses it), which each column call would otherwise take and release.
/// </summary>
internal sealed unsafe class SqliteRows : IDisposable
{
    private static readonly SqliteNative.Functions? Direct = SqliteNative.Exports;
    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;

    public SqliteRows(string databasePath, string sql)
    {
        var opened = raw.sqlite3_open_v2(databasePath, out _connection, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        if (opened != raw.SQLITE_OK || raw.sqlite3_prepare_v2(_connection, sql, out _statement) != raw.SQLITE_OK)
        {
            var problem = new Microsoft.Data.Sqlite.SqliteException(raw.sqlite3_errmsg(_connection).utf8_to_string(), raw.sqlite3_errcode(_connection));
            _connection.Dispose();
            throw problem;
        }
        _handle = _statement.DangerousGetHandle();
    }

    public void Bind(int parameter, long value) => raw.sqlite3_bind_int64(_statement, parameter, value);

    public bool Step() => (Direct is { } d ? d.Step(_handle) : raw.sqlite3_step(_statement)) == raw.SQLITE_ROW;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Type(int column) => Direct is { } d ? d.ColumnType(_handle, column) : raw.sqlite3_column_type(_statement, column);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Int64(int column) => Direct is { } d ? d.ColumnInt64(_handle, column) : raw.sqlite3_column_int64(_statement, column);

    public double Double(int column) => raw.sqlite3_column_double(_statement, column);

    /// <summary>A text or blob column's bytes (UTF-8 for text), valid until the next step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Bytes(int column)
    {
        if (Direct is not { } d)
        {
            return raw.sqlite3_column_blob(_statement, column);
        }
        // The pointer first, then the length: the order SQLite's documentation asks for.
        var pointer = d.ColumnBlob(_handle, column);
        return pointer is null ? default : new ReadOnlySpan<byte>(pointer, d.ColumnBytes(_handle, column));
    }

    public void Dispose()
    {
        _statement.Dispose();
        _connection.Dispose();
    }
}
