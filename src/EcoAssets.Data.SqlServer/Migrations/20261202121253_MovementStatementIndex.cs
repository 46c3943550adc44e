using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MovementStatementIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssetMovements_AccountId_Year_Basis_Amounts",
                table: "AssetMovements");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "AssetMovements",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RegionCode",
                table: "AssetMovements",
                type: "nchar(6)",
                fixedLength: true,
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Unit",
                table: "AssetMovements",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Every existing entry takes its account's region, kind and unit (the registry writes them from now on),
            // before the index is built over them.
            migrationBuilder.Sql("""
                UPDATE m SET m.[RegionCode] = a.[RegionCode], m.[Kind] = a.[Kind], m.[Unit] = a.[Unit]
                FROM [AssetMovements] AS m INNER JOIN [AssetAccounts] AS a ON a.[Id] = m.[AccountId];
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_Statement",
                table: "AssetMovements",
                columns: new[] { "Year", "RegionCode", "Kind", "Basis", "Unit", "Opening", "Growth", "Discovery", "ReclassificationIn", "Extraction", "CatastrophicLoss", "ReclassificationOut", "Revaluation" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssetMovements_Statement",
                table: "AssetMovements");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "AssetMovements");

            migrationBuilder.DropColumn(
                name: "RegionCode",
                table: "AssetMovements");

            migrationBuilder.DropColumn(
                name: "Unit",
                table: "AssetMovements");

            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_AccountId_Year_Basis_Amounts",
                table: "AssetMovements",
                columns: new[] { "AccountId", "Year", "Basis", "Opening", "Growth", "Discovery", "ReclassificationIn", "Extraction", "CatastrophicLoss", "ReclassificationOut", "Revaluation" });
        }
    }
}
