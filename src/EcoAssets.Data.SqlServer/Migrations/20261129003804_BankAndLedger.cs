using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.SqlServer.Migrations
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
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    RootHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Signature = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerCheckpoints", x => x.TreeSize);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    TransactionId = table.Column<long>(type: "bigint", nullable: false),
                    TransactionHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EntryHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "LedgerNodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerNodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Transactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    AccountId = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FromPartyId = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    ToPartyId = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    Quantity = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    Price = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    TermMonths = table.Column<int>(type: "int", nullable: true),
                    RevenueSharePercent = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    LoanReference = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    Purpose = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    NewAccountId = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    RequestHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LedgerSequence = table.Column<long>(type: "bigint", nullable: false)
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
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

            // The ledger and its transactions are append-only.
            migrationBuilder.Sql("""
                CREATE TRIGGER [Transactions_AppendOnly] ON [Transactions] INSTEAD OF UPDATE, DELETE
                AS THROW 51000, 'Transactions are append-only: a row cannot be changed or deleted.', 1;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [LedgerEntries_AppendOnly] ON [LedgerEntries] INSTEAD OF UPDATE, DELETE
                AS THROW 51000, 'LedgerEntries are append-only: a row cannot be changed or deleted.', 1;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [LedgerNodes_AppendOnly] ON [LedgerNodes] INSTEAD OF UPDATE, DELETE
                AS THROW 51000, 'LedgerNodes are append-only: a row cannot be changed or deleted.', 1;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [LedgerCheckpoints_AppendOnly] ON [LedgerCheckpoints] INSTEAD OF UPDATE, DELETE
                AS THROW 51000, 'LedgerCheckpoints are append-only: a row cannot be changed or deleted.', 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [Transactions_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [LedgerEntries_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [LedgerNodes_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [LedgerCheckpoints_AppendOnly];");

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
