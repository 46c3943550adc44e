namespace EcoAssets.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded, the default) or <c>SqlServer</c> (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite's <c>synchronous</c>: <c>NORMAL</c> (the default; WAL synced at checkpoints) or <c>FULL</c> (every commit synced).</summary>
    public string SqliteSynchronous
    {
        get;
        set => field = value?.ToUpperInvariant() is "NORMAL" or "FULL"
            ? value.ToUpperInvariant()
            : throw new InvalidOperationException($"Database:SqliteSynchronous must be NORMAL or FULL, not '{value}'.");
    } = "NORMAL";
}
