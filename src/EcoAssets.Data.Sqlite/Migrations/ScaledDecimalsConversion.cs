using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoAssets.Data.Sqlite.Migrations;

/// <summary>
/// The value conversion of <see cref="ScaledDecimals"/>: every decimal that EF Core kept as text ("3720.0") becomes
/// the integer of its smallest unit (37200000 at four decimals), by text surgery so no value passes through a double.
/// A value with more decimals than its scale, more than fourteen digits before the point or not a number at all stops
/// the migration (a CHECK constraint named for the problem) instead of being rounded. The scales are frozen here as
/// they were when this migration was written; DecimalStorage holds today's.
/// </summary>
public partial class ScaledDecimals
{
    private static readonly (string Table, string Column, int Scale)[] Columns =
    [
        ("AssetAccounts", "Quantity", 4), ("AssetAccounts", "LatestValue", 2), ("AssetAccounts", "Forest_StockVolume", 4),
        ("AssetAccounts", "Water_AnnualAllocation", 4), ("AssetAccounts", "Mineral_Reserves", 4),
        ("Valuations", "Amount", 2),
        ("AssetMovements", "Opening", 4), ("AssetMovements", "Growth", 4), ("AssetMovements", "Discovery", 4),
        ("AssetMovements", "ReclassificationIn", 4), ("AssetMovements", "Extraction", 4), ("AssetMovements", "CatastrophicLoss", 4),
        ("AssetMovements", "ReclassificationOut", 4), ("AssetMovements", "Revaluation", 4), ("AssetMovements", "Closing", 4),
        ("CreditEvents", "PenaltyAmount", 2), ("CreditEvaluations", "Score", 2), ("LoanPrimeRates", "RatePercent", 2),
        ("IndicatorObservations", "Value", 4), ("PlanIndicators", "BaselineValue", 4), ("PlanIndicators", "TargetValue", 4),
        ("Transactions", "Quantity", 4), ("Transactions", "Price", 2), ("Transactions", "RevenueSharePercent", 4),
    ];

    // Transactions are append-only (triggers refuse UPDATE and DELETE), so that one table is rebuilt here, converting
    // as it copies, and its triggers come back; EF Core's own rebuild would drop them with the old table.
    private const string TransactionColumns =
        "\"Id\", \"AccountId\", \"FromPartyId\", \"IdempotencyKey\", \"LedgerSequence\", \"LoanReference\", \"NewAccountId\", " +
        "\"OccurredAt\", \"Price\", \"Purpose\", \"Quantity\", \"RecordedBy\", \"RequestHash\", \"RevenueSharePercent\", " +
        "\"TermMonths\", \"ToPartyId\", \"Type\"";

    private static string TransactionsTable(string decimalType) => $"""
        CREATE TABLE "ef_temp_Transactions" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Transactions" PRIMARY KEY,
            "AccountId" TEXT NOT NULL,
            "FromPartyId" TEXT NULL,
            "IdempotencyKey" TEXT NULL,
            "LedgerSequence" INTEGER NOT NULL,
            "LoanReference" TEXT NULL,
            "NewAccountId" TEXT NULL,
            "OccurredAt" TEXT NOT NULL,
            "Price" {decimalType} NULL,
            "Purpose" TEXT NULL,
            "Quantity" {decimalType} NULL,
            "RecordedBy" TEXT NOT NULL,
            "RequestHash" TEXT NULL,
            "RevenueSharePercent" {decimalType} NULL,
            "TermMonths" INTEGER NULL,
            "ToPartyId" TEXT NULL,
            "Type" TEXT NOT NULL,
            CONSTRAINT "FK_Transactions_AssetAccounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AssetAccounts" ("Id") ON DELETE RESTRICT
        );
        """;

    private const string TransactionsRest = """
        DROP TABLE "Transactions";
        ALTER TABLE "ef_temp_Transactions" RENAME TO "Transactions";
        CREATE INDEX "IX_Transactions_AccountId_Id" ON "Transactions" ("AccountId", "Id");
        CREATE UNIQUE INDEX "IX_Transactions_RecordedBy_IdempotencyKey" ON "Transactions" ("RecordedBy", "IdempotencyKey");
        CREATE TRIGGER "Transactions_NoUpdate" BEFORE UPDATE ON "Transactions"
        BEGIN SELECT RAISE(ABORT, 'Transactions are append-only: a row cannot be changed.'); END;
        CREATE TRIGGER "Transactions_NoDelete" BEFORE DELETE ON "Transactions"
        BEGIN SELECT RAISE(ABORT, 'Transactions are append-only: a row cannot be deleted.'); END;
        """;

    private static void ConvertToScaledIntegers(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TEMP TABLE "ScaledDecimals_Refused" ("Value" TEXT CONSTRAINT "a_stored_decimal_has_more_decimals_than_its_scale_or_more_than_14_digits_or_is_no_number" CHECK (0));
            """);
        foreach (var (table, column, scale) in Columns)
        {
            migrationBuilder.Sql($"""INSERT INTO "ScaledDecimals_Refused" SELECT "{column}" FROM "{table}" WHERE {Unfit(column, scale)};""");
        }
        migrationBuilder.Sql("""DROP TABLE "ScaledDecimals_Refused";""");
        foreach (var (table, column, scale) in Columns.Where(c => c.Table != "Transactions"))
        {
            migrationBuilder.Sql($"""UPDATE "{table}" SET "{column}" = {Scaled(column, scale)} WHERE "{column}" IS NOT NULL;""");
        }
        var select = TransactionColumns
            .Replace("\"Price\"", Scaled("Price", 2), StringComparison.Ordinal)
            .Replace("\"Quantity\"", Scaled("Quantity", 4), StringComparison.Ordinal)
            .Replace("\"RevenueSharePercent\"", Scaled("RevenueSharePercent", 4), StringComparison.Ordinal);
        RebuildTransactions(migrationBuilder, "INTEGER", select);
    }

    private static void ConvertToText(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, column, scale) in Columns.Where(c => c.Table != "Transactions"))
        {
            migrationBuilder.Sql($"""UPDATE "{table}" SET "{column}" = {Text(column, scale)} WHERE "{column}" IS NOT NULL;""");
        }
        var select = TransactionColumns
            .Replace("\"Price\"", Text("Price", 2), StringComparison.Ordinal)
            .Replace("\"Quantity\"", Text("Quantity", 4), StringComparison.Ordinal)
            .Replace("\"RevenueSharePercent\"", Text("RevenueSharePercent", 4), StringComparison.Ordinal);
        RebuildTransactions(migrationBuilder, "TEXT", select);
    }

    // As EF Core rebuilds a table: foreign keys are not checked while the old table is dropped and the new renamed.
    private static void RebuildTransactions(MigrationBuilder migrationBuilder, string decimalType, string select)
    {
        migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        migrationBuilder.Sql($"""
            {TransactionsTable(decimalType)}
            INSERT INTO "ef_temp_Transactions" ({TransactionColumns}) SELECT {select} FROM "Transactions";
            {TransactionsRest}
            """);
        migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }

    private static string Whole(string column) =>
        $"""(CASE WHEN instr("{column}", '.') > 0 THEN substr("{column}", 1, instr("{column}", '.') - 1) ELSE "{column}" END)""";

    private static string Fraction(string column) =>
        $"""(CASE WHEN instr("{column}", '.') > 0 THEN substr("{column}", instr("{column}", '.') + 1) ELSE '' END)""";

    // "-12.5" at scale 4: "-12" || "5000" → -125000. Digits past the scale are zeros (Unfit refused the rest).
    private static string Scaled(string column, int scale) =>
        $"""CASE WHEN "{column}" IS NULL THEN NULL ELSE CAST({Whole(column)} || substr({Fraction(column)} || '0000', 1, {scale}) AS INTEGER) END""";

    private static string Unfit(string column, int scale) =>
        $"""
        "{column}" IS NOT NULL AND (
            ltrim({Whole(column)}, '-') GLOB '*[^0-9]*' OR ltrim({Whole(column)}, '-') = ''
            OR length(ltrim(ltrim({Whole(column)}, '-'), '0')) > 14
            OR {Fraction(column)} GLOB '*[^0-9]*'
            OR rtrim(substr({Fraction(column)}, {scale + 1}), '0') <> '')
        """;

    // 125000 at scale 4 → "12.5", the way EF Core writes a decimal to text (at least one decimal).
    private static string Text(string column, int scale)
    {
        var unit = Math.Pow(10, scale).ToString(CultureInfo.InvariantCulture);
        var fraction = $"""rtrim(printf('%0{scale}d', abs("{column}") % {unit}), '0')""";
        return $"""CASE WHEN "{column}" IS NULL THEN NULL ELSE (CASE WHEN "{column}" < 0 THEN '-' ELSE '' END) || (abs("{column}") / {unit}) || '.' || (CASE WHEN {fraction} = '' THEN '0' ELSE {fraction} END) END""";
    }
}
