using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class GroupingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_AccountId_Year_Basis_Amounts",
                table: "AssetMovements",
                columns: new[] { "AccountId", "Year", "Basis", "Opening", "Growth", "Discovery", "ReclassificationIn", "Extraction", "CatastrophicLoss", "ReclassificationOut", "Revaluation" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_Kind_Unit_Status_RegionCode_Quantity",
                table: "AssetAccounts",
                columns: new[] { "Kind", "Unit", "Status", "RegionCode", "Quantity" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_RegionCode_Kind_Unit_Status_Quantity",
                table: "AssetAccounts",
                columns: new[] { "RegionCode", "Kind", "Unit", "Status", "Quantity" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_Status_RegionCode_Kind_Unit_Quantity",
                table: "AssetAccounts",
                columns: new[] { "Status", "RegionCode", "Kind", "Unit", "Quantity" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssetMovements_AccountId_Year_Basis_Amounts",
                table: "AssetMovements");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_Kind_Unit_Status_RegionCode_Quantity",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_RegionCode_Kind_Unit_Status_Quantity",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_Status_RegionCode_Kind_Unit_Quantity",
                table: "AssetAccounts");
        }
    }
}
