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

    /// <summary>
    /// <c>Database:MigrateOnStart</c>: whether the host applies pending migrations itself when it starts. On in Development,
    /// off by default elsewhere, where a DBA applies the script or the migration bundle and the host only checks that
    /// nothing is pending (it refuses to start on an out-of-date schema, naming the migrations).
    /// </summary>
    public bool? MigrateOnStart { get; set; }
}
