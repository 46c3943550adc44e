using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Sqlite.Query.Internal;

namespace EcoAssets.Data.Grouping;

// EF1001: SQLite's postprocessor is "internal API" but public; deriving from it keeps everything it does (its type
// mapping pass, its refusal of APPLY) and adds one pass after it. Tests per grouping shape (QueryPlanTests) catch a
// change in a future EF Core.
#pragma warning disable EF1001

/// <summary>Makes <see cref="GroupingPostprocessor"/> EF Core's postprocessor for SQLite.</summary>
internal sealed class GroupingPostprocessorFactory(
    QueryTranslationPostprocessorDependencies dependencies,
    RelationalQueryTranslationPostprocessorDependencies relationalDependencies)
    : SqliteQueryTranslationPostprocessorFactory(dependencies, relationalDependencies)
{
    public override QueryTranslationPostprocessor Create(QueryCompilationContext queryCompilationContext) =>
        new GroupingPostprocessor(Dependencies, RelationalDependencies, (RelationalQueryCompilationContext)queryCompilationContext);
}
#pragma warning restore EF1001
