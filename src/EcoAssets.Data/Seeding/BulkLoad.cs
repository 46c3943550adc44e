using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Seeding;

/// <summary>
/// The seeder's bulk-insert path for loaders outside this assembly (the benchmark's NDJSON loader): rows are encoded
/// from the EF model (its value converters included), so whatever the model stores a value as, a loaded file holds it
/// in the same form as one the API wrote. SQLite only; run inside a transaction the caller owns.
/// </summary>
public static class BulkLoad
{
    /// <summary>Inserts the entities as rows of their table, bypassing the change tracker.</summary>
    public static Task InsertAsync<T>(EcoAssetsDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class => SqliteBulkInsert.InsertAsync(db, rows, cancellationToken);

    /// <summary>Drops the secondary indexes of the entities' tables until the scope is disposed, which builds them again.</summary>
    public static Task<IAsyncDisposable> DeferIndexesAsync(EcoAssetsDbContext db, IEnumerable<Type> entityTypes, CancellationToken cancellationToken = default) =>
        SqliteBulkInsert.DeferIndexesAsync(db, entityTypes.Select(t => db.Model.FindEntityType(t)?.GetTableName()
            ?? throw new ArgumentException($"{t.Name} is not in the model.", nameof(entityTypes))), cancellationToken);
}
