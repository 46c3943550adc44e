using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Foundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanIndicators",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CategoryEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    BaselineValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    BaselineText = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TargetText = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanIndicators", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorObservations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorObservations_PlanIndicators_IndicatorCode",
                        column: x => x.IndicatorCode,
                        principalTable: "PlanIndicators",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IndicatorObservations_Regions_RegionCode",
                        column: x => x.RegionCode,
                        principalTable: "Regions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Parties",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    IndustryCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    KeyPollutantDischarger = table.Column<bool>(type: "INTEGER", nullable: false),
                    PermitNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Parties_Regions_RegionCode",
                        column: x => x.RegionCode,
                        principalTable: "Regions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssetAccounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    HolderId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    RightType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LatestValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    LatestValuationDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EcologicalRedLine = table.Column<bool>(type: "INTEGER", nullable: false),
                    NatureReserve = table.Column<bool>(type: "INTEGER", nullable: false),
                    NaturalForest = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublicWelfareForest = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpringProtectionZone = table.Column<bool>(type: "INTEGER", nullable: false),
                    PermanentBasicFarmland = table.Column<bool>(type: "INTEGER", nullable: false),
                    Forest_DominantSpecies = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Forest_Origin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Forest_StandAge = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Forest_StockVolume = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Water_SourceType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Water_Basin = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Water_AnnualAllocation = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Water_WithdrawalPermit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Land_LandUseClass = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Mineral_Mineral = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Mineral_Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Mineral_Reserves = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Mineral_MiningLicence = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Mineral_GreenMine = table.Column<bool>(type: "INTEGER", nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssetAccounts_AssetAccounts_ParentId",
                        column: x => x.ParentId,
                        principalTable: "AssetAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssetAccounts_Parties_HolderId",
                        column: x => x.HolderId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssetAccounts_Regions_RegionCode",
                        column: x => x.RegionCode,
                        principalTable: "Regions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssetMovements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Opening = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Growth = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Discovery = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    ReclassificationIn = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Extraction = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    CatastrophicLoss = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    ReclassificationOut = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Revaluation = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Closing = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetMovements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssetMovements_AssetAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AssetAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Valuations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ValuationDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ValuerId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    ReportReference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Valuations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Valuations_AssetAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AssetAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Valuations_Parties_ValuerId",
                        column: x => x.ValuerId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_HolderId",
                table: "AssetAccounts",
                column: "HolderId");

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_ParentId",
                table: "AssetAccounts",
                column: "ParentId",
                filter: "\"ParentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_RegionCode_Kind_Id",
                table: "AssetAccounts",
                columns: new[] { "RegionCode", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetAccounts_Status_Kind",
                table: "AssetAccounts",
                columns: new[] { "Status", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_AccountId_Year_Basis",
                table: "AssetMovements",
                columns: new[] { "AccountId", "Year", "Basis" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssetMovements_Year_Basis",
                table: "AssetMovements",
                columns: new[] { "Year", "Basis" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorObservations_IndicatorCode_RegionCode_Year",
                table: "IndicatorObservations",
                columns: new[] { "IndicatorCode", "RegionCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorObservations_RegionCode",
                table: "IndicatorObservations",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Parties_Kind_RegionCode",
                table: "Parties",
                columns: new[] { "Kind", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Parties_Name",
                table: "Parties",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Parties_RegionCode",
                table: "Parties",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_PlanIndicators_Number",
                table: "PlanIndicators",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Valuations_AccountId_ValuationDate",
                table: "Valuations",
                columns: new[] { "AccountId", "ValuationDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Valuations_ValuerId",
                table: "Valuations",
                column: "ValuerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssetMovements");

            migrationBuilder.DropTable(
                name: "IndicatorObservations");

            migrationBuilder.DropTable(
                name: "Valuations");

            migrationBuilder.DropTable(
                name: "PlanIndicators");

            migrationBuilder.DropTable(
                name: "AssetAccounts");

            migrationBuilder.DropTable(
                name: "Parties");

            migrationBuilder.DropTable(
                name: "Regions");
        }
    }
}
