using System.ComponentModel.DataAnnotations;
using System.Reflection;
using EcoAssets.Data;
using EcoAssets.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoAssets.Data.Tests;

/// <summary>The lengths declared once on the domain properties are the columns' lengths, on both providers.</summary>
public sealed class TextLengthModelTests
{
    // Not text a client gives: JSON the registry makes (an evaluation's explanation, an audit row's changes).
    private static readonly HashSet<string> Unbounded = ["CreditEvaluation.Breakdown", "AuditEvent.Changes"];

    private static EcoAssetsDbContext Context(DatabaseProvider provider) => new(DataRegistration.CreateOptions(provider,
        provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Server=unused;Database=EcoAssets;Trusted_Connection=True;TrustServerCertificate=True"));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Every_text_column_of_the_registry_has_the_length_its_domain_property_declares(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var registry = db.Model.GetEntityTypes().Where(t => t.ClrType.Assembly == typeof(TextLengths).Assembly).ToList();

        Assert.NotEmpty(registry);
        foreach (var property in registry.SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(string)))
        {
            var name = $"{property.DeclaringType.ClrType.Name}.{property.Name}";
            if (Unbounded.Contains(name) || property.PropertyInfo is null)
            {
                continue;
            }
            var declared = property.PropertyInfo.GetCustomAttribute<MaxLengthAttribute>()?.Length;
            Assert.True(declared is not null, $"{name} has no [MaxLength].");
            Assert.Equal((name, declared), (name, property.GetMaxLength()));
        }
    }

    [Fact]
    public void The_SQL_Server_columns_carry_the_lengths()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("ALTER TABLE [Transactions] ALTER COLUMN [LoanReference] nvarchar(64) NULL", script);
        Assert.Contains("ALTER TABLE [Parties] ALTER COLUMN [PermitNumber] nvarchar(64) NULL", script);
        Assert.Contains("ALTER TABLE [CreditEvaluations] ALTER COLUMN [ObjectionReason] nvarchar(2000) NULL", script);
    }
}
