using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Sqlite.Query.Internal;

namespace EcoAssets.Data.Grouping;

// EF1001: SQLite's postprocessor is "internal API" but public; deriving from it keeps everything it does (its type
// mapping pass, its refusal of APPLY) and adds one pass after it. Tests per grouping shape (QueryPlanTests) catch a
// change in a future EF Core.
#pragma warning disable EF1001

/// <summary>SQLite's query postprocessor followed by <see cref="GroupingTerms"/>.</summary>
internal sealed class GroupingPostprocessor(
    QueryTranslationPostprocessorDependencies dependencies,
    RelationalQueryTranslationPostprocessorDependencies relationalDependencies,
    RelationalQueryCompilationContext queryCompilationContext)
    : SqliteQueryTranslationPostprocessor(dependencies, relationalDependencies, queryCompilationContext)
{
    public override Expression Process(Expression query) => GroupingTerms.Instance.Visit(base.Process(query));
}
#pragma warning restore EF1001
