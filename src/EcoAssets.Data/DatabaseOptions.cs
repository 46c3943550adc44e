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
}
