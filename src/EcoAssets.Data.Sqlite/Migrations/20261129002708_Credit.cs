using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Credit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CreditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartyId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IncidentLevel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PenaltyAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EvidenceRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnnulledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnnulmentReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditEvents_Parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CreditRuleSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SchemeVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    DocumentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActivatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LoanPrimeRates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Tenor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RatePercent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoanPrimeRates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartyId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    RuleSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EvaluatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Breakdown = table.Column<string>(type: "TEXT", nullable: false),
                    EventsDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RevisesId = table.Column<long>(type: "INTEGER", nullable: true),
                    RevisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RevisionEvidenceRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ObjectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ObjectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ChangeSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    PreviousGrade = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditEvaluations_CreditEvaluations_RevisesId",
                        column: x => x.RevisesId,
                        principalTable: "CreditEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CreditEvaluations_CreditRuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "CreditRuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CreditEvaluations_Parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "Parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditEvaluations_ChangeSequence",
                table: "CreditEvaluations",
                column: "ChangeSequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditEvaluations_PartyId_Status",
                table: "CreditEvaluations",
                columns: new[] { "PartyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditEvaluations_RevisesId",
                table: "CreditEvaluations",
                column: "RevisesId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditEvaluations_RuleSetId",
                table: "CreditEvaluations",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditEvents_PartyId_OccurredOn",
                table: "CreditEvents",
                columns: new[] { "PartyId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditRuleSets_Scheme_SchemeVersion",
                table: "CreditRuleSets",
                columns: new[] { "Scheme", "SchemeVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoanPrimeRates_Tenor_EffectiveFrom",
                table: "LoanPrimeRates",
                columns: new[] { "Tenor", "EffectiveFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CreditEvaluations");

            migrationBuilder.DropTable(
                name: "CreditEvents");

            migrationBuilder.DropTable(
                name: "LoanPrimeRates");

            migrationBuilder.DropTable(
                name: "CreditRuleSets");
        }
    }
}
