using System.Collections.Concurrent;
using System.Data.Common;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// The real host over the demo data set (seeded and analysed as on a first start, so SQLite plans with real
/// statistics), recording each query's SQL with its parameters so that a test can ask SQLite how it would run it.
/// </summary>
public sealed class QueryPlanFactory : EcoAssetsApiFactory
{
    public ConcurrentQueue<RecordedCommand> Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Scale", "1");
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<EcoAssets.Data.EcoAssetsDbContext>(db => db.AddInterceptors(new Recorder(Queries))));
    }

    public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    private sealed class Recorder(ConcurrentQueue<RecordedCommand> queries) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        private void Record(DbCommand command) =>
            queries.Enqueue(new(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
    }
}
