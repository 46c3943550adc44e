using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BankAndLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerCheckpoints",
                columns: table => new
                {
                    TreeSize = table.Column<long>(type: "INTEGER", nullable: false),
                    RootHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerCheckpoints", x => x.TreeSize);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    TransactionId = table.Column<long>(type: "INTEGER", nullable: false),
                    TransactionHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EntryHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "LedgerNodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerNodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Transactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromPartyId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    ToPartyId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    TermMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    RevenueSharePercent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    LoanReference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    NewAccountId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LedgerSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transactions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transactions_AssetAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AssetAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_TransactionId",
                table: "LedgerEntries",
                column: "TransactionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_AccountId_Id",
                table: "Transactions",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_RecordedBy_IdempotencyKey",
                table: "Transactions",
                columns: new[] { "RecordedBy", "IdempotencyKey" },
                unique: true);

            // The ledger and its transactions are append-only: the database refuses changes (Verify() finds what a
            // hand with the file and the will to drop these triggers does).
            migrationBuilder.Sql("""
                CREATE TRIGGER "Transactions_NoUpdate" BEFORE UPDATE ON "Transactions"
                BEGIN SELECT RAISE(ABORT, 'Transactions are append-only: a row cannot be changed.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Transactions_NoDelete" BEFORE DELETE ON "Transactions"
                BEGIN SELECT RAISE(ABORT, 'Transactions are append-only: a row cannot be deleted.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LedgerEntries_NoUpdate" BEFORE UPDATE ON "LedgerEntries"
                BEGIN SELECT RAISE(ABORT, 'LedgerEntries are append-only: a row cannot be changed.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LedgerEntries_NoDelete" BEFORE DELETE ON "LedgerEntries"
                BEGIN SELECT RAISE(ABORT, 'LedgerEntries are append-only: a row cannot be deleted.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LedgerNodes_NoUpdate" BEFORE UPDATE ON "LedgerNodes"
                BEGIN SELECT RAISE(ABORT, 'LedgerNodes are append-only: a row cannot be changed.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LedgerNodes_NoDelete" BEFORE DELETE ON "LedgerNodes"
                BEGIN SELECT RAISE(ABORT, 'LedgerNodes are append-only: a row cannot be deleted.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LedgerCheckpoints_NoUpdate" BEFORE UPDATE ON "LedgerCheckpoints"
                BEGIN SELECT RAISE(ABORT, 'LedgerCheckpoints are append-only: a row cannot be changed.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LedgerCheckpoints_NoDelete" BEFORE DELETE ON "LedgerCheckpoints"
                BEGIN SELECT RAISE(ABORT, 'LedgerCheckpoints are append-only: a row cannot be deleted.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Transactions_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Transactions_NoDelete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LedgerEntries_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LedgerEntries_NoDelete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LedgerNodes_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LedgerNodes_NoDelete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LedgerCheckpoints_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LedgerCheckpoints_NoDelete\";");

            migrationBuilder.DropTable(
                name: "LedgerCheckpoints");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "LedgerNodes");

            migrationBuilder.DropTable(
                name: "Transactions");
        }
    }
}
