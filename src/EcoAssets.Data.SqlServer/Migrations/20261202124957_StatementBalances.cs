using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class StatementBalances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssetMovements_AccountId_Year_Basis_Amounts",
                table: "AssetMovements");

            migrationBuilder.CreateTable(
                name: "StatementBalances",
                columns: table => new
                {
                    Year = table.Column<int>(type: "int", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Basis = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Entries = table.Column<int>(type: "int", nullable: false),
                    Opening = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Growth = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Discovery = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ReclassificationIn = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Extraction = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    CatastrophicLoss = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ReclassificationOut = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Revaluation = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementBalances", x => new { x.Year, x.RegionCode, x.Kind, x.Basis, x.Unit });
                });

            // The balances of the entries recorded so far, by their account's region, kind and unit: the statement reads
            // only these from now on, and the registry keeps them as it records entries.
            migrationBuilder.Sql("""
                INSERT INTO [StatementBalances] ([Year], [RegionCode], [Kind], [Basis], [Unit], [Entries], [Opening], [Growth], [Discovery], [ReclassificationIn], [Extraction], [CatastrophicLoss], [ReclassificationOut], [Revaluation])
                SELECT m.[Year], a.[RegionCode], a.[Kind], m.[Basis], a.[Unit], COUNT(*), SUM(m.[Opening]), SUM(m.[Growth]), SUM(m.[Discovery]), SUM(m.[ReclassificationIn]), SUM(m.[Extraction]), SUM(m.[CatastrophicLoss]), SUM(m.[ReclassificationOut]), SUM(m.[Revaluation])
                FROM [AssetMovements] AS m INNER JOIN [AssetAccounts] AS a ON a.[Id] = m.[AccountId]
                GROUP BY m.[Year], a.[RegionCode], a.[Kind], m.[Basis], a.[Unit];
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatementBalances");

            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_AccountId_Year_Basis_Amounts",
                table: "AssetMovements",
                columns: new[] { "AccountId", "Year", "Basis", "Opening", "Growth", "Discovery", "ReclassificationIn", "Extraction", "CatastrophicLoss", "ReclassificationOut", "Revaluation" });
        }
    }
}
