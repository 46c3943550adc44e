using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EcoAssets.Data;

/// <summary>
/// SQLite's synchronous setting for the registry's connections. In WAL mode NORMAL syncs the WAL at checkpoints
/// instead of at every commit: the file stays consistent through a crash or power loss, and the last commits before a
/// power loss may roll back. FULL syncs every commit. <c>Database:SqliteSynchronous</c> chooses (default NORMAL).
/// </summary>
public sealed class SqliteDurability(string synchronous) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous = {synchronous};";
        command.ExecuteNonQuery();
    }
}
