using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Valuations_AccountId_ValuationDate",
                table: "Valuations");

            migrationBuilder.DropIndex(
                name: "IX_Parties_Kind_RegionCode",
                table: "Parties");

            migrationBuilder.DropIndex(
                name: "IX_Parties_RegionCode",
                table: "Parties");

            migrationBuilder.DropIndex(
                name: "IX_AssetMovements_Year_Basis",
                table: "AssetMovements");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_HolderId",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_RegionCode_Kind_Id",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_Status_Kind",
                table: "AssetAccounts");

            migrationBuilder.CreateIndex(
                name: "IX_Valuations_AccountId",
                table: "Valuations",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Parties_Kind_RegionCode_Id",
                table: "Parties",
                columns: new[] { "Kind", "RegionCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Parties_RegionCode_Id",
                table: "Parties",
                columns: new[] { "RegionCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditEvaluations_Status",
                table: "CreditEvaluations",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_Year",
                table: "AssetMovements",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_HolderId_Id",
                table: "AssetAccounts",
                columns: new[] { "HolderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_Kind_Id",
                table: "AssetAccounts",
                columns: new[] { "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_RegionCode_Id",
                table: "AssetAccounts",
                columns: new[] { "RegionCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_RegionCode_Kind_Id_Unit_Status_Quantity",
                table: "AssetAccounts",
                columns: new[] { "RegionCode", "Kind", "Id", "Unit", "Status", "Quantity" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_Status_Id",
                table: "AssetAccounts",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Valuations_AccountId",
                table: "Valuations");

            migrationBuilder.DropIndex(
                name: "IX_Parties_Kind_RegionCode_Id",
                table: "Parties");

            migrationBuilder.DropIndex(
                name: "IX_Parties_RegionCode_Id",
                table: "Parties");

            migrationBuilder.DropIndex(
                name: "IX_CreditEvaluations_Status",
                table: "CreditEvaluations");

            migrationBuilder.DropIndex(
                name: "IX_AssetMovements_Year",
                table: "AssetMovements");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_HolderId_Id",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_Kind_Id",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_RegionCode_Id",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_RegionCode_Kind_Id_Unit_Status_Quantity",
                table: "AssetAccounts");

            migrationBuilder.DropIndex(
                name: "IX_AssetAccounts_Status_Id",
                table: "AssetAccounts");

            migrationBuilder.CreateIndex(
                name: "IX_Valuations_AccountId_ValuationDate",
                table: "Valuations",
                columns: new[] { "AccountId", "ValuationDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Parties_Kind_RegionCode",
                table: "Parties",
                columns: new[] { "Kind", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Parties_RegionCode",
                table: "Parties",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_Year_Basis",
                table: "AssetMovements",
                columns: new[] { "Year", "Basis" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_HolderId",
                table: "AssetAccounts",
                column: "HolderId");

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_RegionCode_Kind_Id",
                table: "AssetAccounts",
                columns: new[] { "RegionCode", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_Status_Kind",
                table: "AssetAccounts",
                columns: new[] { "Status", "Kind" });
        }
    }
}
