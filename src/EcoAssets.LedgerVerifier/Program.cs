using EcoAssets.LedgerVerifier;

// dotnet run --project src/EcoAssets.LedgerVerifier -- ledger.ndjson
// Exit code 0: the export is valid; 1: it is not (the first bad entry is named); 2: usage.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: EcoAssets.LedgerVerifier EXPORT.ndjson   (an export from GET /ledger/export)");
    return 2;
}
using var file = File.OpenText(args[0]);
var verdict = ExportVerifier.Verify(file);
if (verdict.Valid)
{
    Console.WriteLine($"VALID: {verdict.Entries} entries, {verdict.CheckpointsVerified} signed checkpoint(s) verified, root {verdict.RootHash}");
    return 0;
}
Console.WriteLine($"INVALID: {verdict.Problem}" + (verdict.FirstBadSequence is { } bad ? $" (first bad entry: {bad})" : ""));
return 1;
