using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EcoAssets.Data.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the context for this provider without starting the API host.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<EcoAssetsDbContext>
{
    // Only for generating migrations: no connection is opened by "migrations add" or "migrations script".
    public EcoAssetsDbContext CreateDbContext(string[] args) =>
        new(DataRegistration.CreateOptions(DatabaseProvider.SqlServer, "Server=(localdb)\\mssqllocaldb;Database=EcoAssets;Trusted_Connection=True"));
}
