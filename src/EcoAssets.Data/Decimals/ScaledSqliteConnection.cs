using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcoAssets.Data.Decimals;

#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's internal API; its CreateDbConnection is the one place to change.
/// <summary>
/// EF Core's SQLite connection without the .NET functions EF Core defines on it (<c>ef_compare</c>, <c>ef_add</c>,
/// <c>ef_sum</c>, ... and <c>regexp</c>). They serve decimals kept as TEXT, and <c>Regex.IsMatch</c>; here decimals are
/// scaled integers SQLite computes itself (ScaledDecimalTests fails on any <c>ef_</c> in the SQL) and no query uses a
/// regular expression (OData's <c>matchesPattern</c> is refused). Microsoft.Data.Sqlite defines a connection's functions
/// again on every open and removes them on every close, about twenty native calls for each query a request runs.
/// </summary>
internal sealed class ScaledSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    /// <summary>Replaces EF Core's SQLite connection in a context's internal services.</summary>
    public static void Register(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Scoped<ISqliteRelationalConnection, ScaledSqliteConnection>());

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(GetValidatedConnectionString());
        if (Dependencies.ContextOptions.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.CommandTimeout is { } timeout)
        {
            connection.DefaultTimeout = timeout;
        }
        return connection;
    }
}
#pragma warning restore EF1001
