using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// A read-only statement stepped row by row, its columns read through e_sqlite3's exports directly: Verify() reads
/// some forty columns a row from a million rows, and each call through SQLitePCLRaw pins and releases the statement's
/// SafeHandle and takes the connection's mutex. Here the connection is opened without a mutex (only this thread uses
/// it) and the column calls skip the GC transition, which SQLite's column accessors (no I/O, no callbacks) allow.
/// Where the exports cannot be found the calls go through SQLitePCLRaw as usual.
/// </summary>
internal sealed unsafe class SqliteRows : IDisposable
{
    private static readonly Exports? Direct = Exports.TryLoad();
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

    private sealed class Exports
    {
        public required delegate* unmanaged<nint, int> Step { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, int> ColumnType { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, long> ColumnInt64 { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, byte*> ColumnBlob { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, int> ColumnBytes { get; init; }

        public static Exports? TryLoad()
        {
            // The library SQLitePCLRaw's e_sqlite3 provider loaded, found the way its own imports find it.
            if (!NativeLibrary.TryLoad("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null, out var library))
            {
                return null;
            }
            return NativeLibrary.TryGetExport(library, "sqlite3_step", out var step)
                   && NativeLibrary.TryGetExport(library, "sqlite3_column_type", out var type)
                   && NativeLibrary.TryGetExport(library, "sqlite3_column_int64", out var int64)
                   && NativeLibrary.TryGetExport(library, "sqlite3_column_blob", out var blob)
                   && NativeLibrary.TryGetExport(library, "sqlite3_column_bytes", out var bytes)
                ? new Exports
                {
                    Step = (delegate* unmanaged<nint, int>)step,
                    ColumnType = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)type,
                    ColumnInt64 = (delegate* unmanaged[SuppressGCTransition]<nint, int, long>)int64,
                    ColumnBlob = (delegate* unmanaged[SuppressGCTransition]<nint, int, byte*>)blob,
                    ColumnBytes = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)bytes,
                }
                : null;
        }
    }
}
