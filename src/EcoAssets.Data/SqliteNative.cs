using System.Runtime.InteropServices;
using SQLitePCL;

namespace EcoAssets.Data;

/// <summary>
/// e_sqlite3's per-row functions called directly, for the two loops that make millions of such calls: Verify()
/// reading the ledger and the bulk insert of the demo set. Through SQLitePCLRaw each call also pins and releases the
/// statement's SafeHandle and goes through a marshalling stub, which cost more than SQLite's own work there. The
/// column and bind functions skip the GC transition (they do no I/O and call nothing back); stepping keeps it.
/// <see cref="Exports"/> is null where the library's exports cannot be found, and callers then use SQLitePCLRaw.
/// </summary>
internal static unsafe class SqliteNative
{
    /// <summary>SQLITE_STATIC: the bound text stays where it is until the statement is stepped.</summary>
    public const nint Static = 0;

    public static Functions? Exports { get; } = Functions.TryLoad();

    public sealed class Functions
    {
        public required delegate* unmanaged<nint, int> Step { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int> Reset { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int> ClearBindings { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, long, int> BindInt64 { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, double, int> BindDouble { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, byte*, int, nint, int> BindText { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, int> ColumnType { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, long> ColumnInt64 { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, byte*> ColumnBlob { get; init; }
        public required delegate* unmanaged[SuppressGCTransition]<nint, int, int> ColumnBytes { get; init; }

        internal static Functions? TryLoad()
        {
            // The library SQLitePCLRaw's e_sqlite3 provider loaded, found the way its own imports find it.
            if (!NativeLibrary.TryLoad("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null, out var library))
            {
                return null;
            }
            nint Export(string name) => NativeLibrary.TryGetExport(library, name, out var address) ? address : 0;
            var step = Export("sqlite3_step");
            var reset = Export("sqlite3_reset");
            var clear = Export("sqlite3_clear_bindings");
            var int64 = Export("sqlite3_bind_int64");
            var real = Export("sqlite3_bind_double");
            var text = Export("sqlite3_bind_text");
            var type = Export("sqlite3_column_type");
            var columnInt64 = Export("sqlite3_column_int64");
            var blob = Export("sqlite3_column_blob");
            var bytes = Export("sqlite3_column_bytes");
            if (step == 0 || reset == 0 || clear == 0 || int64 == 0 || real == 0 || text == 0 || type == 0 || columnInt64 == 0 || blob == 0 || bytes == 0)
            {
                return null;
            }
            return new Functions
            {
                Step = (delegate* unmanaged<nint, int>)step,
                Reset = (delegate* unmanaged[SuppressGCTransition]<nint, int>)reset,
                ClearBindings = (delegate* unmanaged[SuppressGCTransition]<nint, int>)clear,
                BindInt64 = (delegate* unmanaged[SuppressGCTransition]<nint, int, long, int>)int64,
                BindDouble = (delegate* unmanaged[SuppressGCTransition]<nint, int, double, int>)real,
                BindText = (delegate* unmanaged[SuppressGCTransition]<nint, int, byte*, int, nint, int>)text,
                ColumnType = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)type,
                ColumnInt64 = (delegate* unmanaged[SuppressGCTransition]<nint, int, long>)columnInt64,
                ColumnBlob = (delegate* unmanaged[SuppressGCTransition]<nint, int, byte*>)blob,
                ColumnBytes = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)bytes,
            };
        }
    }
}
