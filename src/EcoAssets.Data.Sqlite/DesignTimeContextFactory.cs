using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EcoAssets.Data.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for this provider without starting the API host.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<EcoAssetsDbContext>
{
    // Only for generating migrations: no connection is opened by "migrations add" or "migrations script".
    public EcoAssetsDbContext CreateDbContext(string[] args) =>
        new(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
