using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;

namespace EcoAssets.LedgerVerifier;

/// <summary>
/// The command line: <c>export EXPORT.ndjson</c> checks a whole export, <c>proof PROOF.json</c> one proof or trace; <c>--key</c>
/// pins the ledger keys to trust. Exit code 0: valid; 1: not valid (the problem is printed); 2: usage.
/// </summary>
public static class VerifierCommand
{
    public const int Valid = 0;
    public const int NotValid = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var keys = new Option<FileInfo[]>("--key")
        {
            Description = "A ledger public key to trust (PEM); repeat it for the keys before a rotation. Anything signed by another key is refused. "
                          + "Without it, the keys the export or checkpoint carries are used, which shows only that the registry signed what it sent.",
            Recursive = true,
        };
        var exportFile = new Argument<FileInfo>("file") { Description = "An export from GET /ledger/export (NDJSON)." };
        exportFile.AcceptExistingOnly();
        var export = new Command("export", "Checks a whole export: every transaction's hash, the chain, the Merkle root and signature of every checkpoint, and rows outside the ledger.")
        {
            exportFile,
        };
        var root = new RootCommand("Checks an EcoAssets ledger export, or one proof, offline: no database and none of the registry's code.")
        {
            keys,
            export,
        };

        var proofFile = new Argument<FileInfo>("file")
        {
            Description = "The answer of LedgerEntries(n)/EcoAssets.Proof(treeSize=…) or of AssetAccounts('…')/EcoAssets.Trace() (JSON).",
        };
        var checkpointFile = new Option<FileInfo>("--checkpoint")
        {
            Description = "The answer of LedgerEntries/EcoAssets.Checkpoint() (JSON) that the proof is for; a trace carries its own.",
        };
        proofFile.AcceptExistingOnly();
        checkpointFile.AcceptExistingOnly();
        var proof = new Command("proof", "Checks that an entry, or every step of an asset's trace, is in the ledger a signed checkpoint describes.")
        {
            proofFile,
            checkpointFile,
        };
        root.Add(proof);

        export.SetAction(parsed => Guarded(error, output, () => VerifyExport(parsed.GetValue(exportFile)!, parsed.GetValue(keys), output)));
        proof.SetAction(parsed => Guarded(error, output, () => VerifyProof(parsed.GetValue(proofFile)!, parsed.GetValue(checkpointFile), parsed.GetValue(keys), output)));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || (parsed.CommandResult.Command == root && !args.Any(IsHelp)))
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }
            error.WriteLine(parsed.Errors.Count == 0 ? "Name a command: export or proof. Try --help." : "Try --help.");
            return Usage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static bool IsHelp(string arg) => arg is "--help" or "-h" or "-?" or "--version";

    private static int VerifyExport(FileInfo file, FileInfo[]? keys, TextWriter output)
    {
        using var pinned = Pin(keys);
        using var reader = file.OpenText();
        var verdict = ExportVerifier.Verify(reader, pinned);
        if (!verdict.Valid)
        {
            output.WriteLine($"INVALID: {verdict.Problem}" + (verdict.FirstBadSequence is { } bad ? $" (first bad entry: {bad})" : ""));
            return NotValid;
        }
        output.WriteLine($"VALID: {verdict.Entries} entries, {verdict.CheckpointsVerified} signed checkpoint(s) verified, root {verdict.RootHash}"
                         + (pinned is null ? "; signatures checked with the keys the export carries (pin yours with --key)" : "; signed by a key you pinned"));
        return Valid;
    }

    private static int VerifyProof(FileInfo proofFile, FileInfo? checkpointFile, FileInfo[]? keys, TextWriter output)
    {
        using var pinned = Pin(keys);
        using var proof = JsonDocument.Parse(File.ReadAllText(proofFile.FullName));
        using var checkpoint = checkpointFile is null ? null : JsonDocument.Parse(File.ReadAllText(checkpointFile.FullName));
        var verdict = ProofVerifier.Verify(proof.RootElement, checkpoint?.RootElement, pinned);
        if (!verdict.Valid)
        {
            output.WriteLine($"INVALID: {verdict.Problem}");
            return NotValid;
        }
        output.WriteLine($"VALID: entr{(verdict.Sequences.Count == 1 ? "y" : "ies")} {string.Join(", ", verdict.Sequences)} in the ledger of {verdict.TreeSize} entries "
                         + $"signed at {verdict.SignedAt} by key {verdict.KeyId}" + (pinned is null ? " (the key the checkpoint carries; pin yours with --key)" : " (a key you pinned)"));
        return Valid;
    }

    private static TrustedKeys? Pin(FileInfo[]? keys) =>
        keys is { Length: > 0 } ? TrustedKeys.Pin(keys.Select(k => File.ReadAllText(k.FullName))) : null;

    // A file that is missing, not JSON or not a key is the auditor's answer too: not valid, with the reason, never a stack trace.
    private static int Guarded(TextWriter error, TextWriter output, Func<int> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return Usage;
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            output.WriteLine($"INVALID: {e.Message}");
            return NotValid;
        }
    }
}
