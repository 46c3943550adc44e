using System.Data.Common;
using EcoAssets.Api.Identity;
using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// What the database must be before the host starts, checked with the settings (once they are all right) so that it
/// is in the same list: reachable; up to date, unless <c>Database:MigrateOnStart</c> lets the host migrate it; and,
/// outside Development, free of demo clients and open secrets. The start itself checks the same things again
/// (<see cref="DatabaseInitializer"/>, <see cref="ClientRegistry"/>); this only says so sooner, and all at once.
/// </summary>
public static class DatabaseReadiness
{
    public static async Task<IReadOnlyList<SettingProblem>> ProblemsAsync(IServiceProvider services, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        var connection = $"ConnectionStrings:{DataRegistration.ConnectionStringName}";
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                return services.GetRequiredService<DatabaseOptions>().MigrateOnStart == true
                    ? []
                    : [new SettingProblem($"{DatabaseOptions.Section}:MigrateOnStart",
                        $"is off and the database lacks {pending.Count} migration(s): {string.Join(", ", pending)}. Apply them with the migration script or "
                        + "bundle, or set Database:MigrateOnStart=true to let the host apply them as it starts.")];
            }
            return !environment.IsDevelopment() && await ClientRegistry.ProductionProblemAsync(db, cancellationToken) is { } clients
                ? [new SettingProblem(connection, $"names a database this host refuses in {environment.EnvironmentName}: {clients}.")]
                : [];
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            return [new SettingProblem(connection, $"the database cannot be read ({e.Message}): check the connection string and that the server is reachable.")];
        }
    }
}
