using System.Text.Json;
using EcoAssets.Api.Identity;
using EcoAssets.Data;
using EcoAssets.Data.Ledger;
using EcoAssets.Domain.Ledger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Ledger;

/// <summary>
/// <c>GET /ledger/export</c>: the whole ledger as NDJSON (<c>schemas/ledger-export.schema.json</c>) — a header with
/// the public key, every entry with the canonical form of its transaction as the database holds it now, every
/// transaction row that no entry records, and every signed checkpoint — for the offline verifier (<c>src/EcoAssets.LedgerVerifier</c>) to check with no database.
/// </summary>
[ApiController]
[Route("ledger/export")]
public sealed class LedgerExportController(EcoAssetsDbContext db, LedgerBook book, Checkpoints checkpoints, LedgerKey key, TimeProvider clock)
    : ControllerBase
{
    public const string Format = "ecoassets-ledger-export-v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet]
    public async Task Export(CancellationToken cancellationToken)
    {
        // The current size is signed first, so the export always ends in a checkpoint that covers all of it.
        await checkpoints.CurrentAsync(cancellationToken);
        var signed = await db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync(cancellationToken);
        Response.ContentType = "application/x-ndjson";
        Response.Headers.ContentDisposition = "attachment; filename=\"ecoassets-ledger.ndjson\"";
        await using var output = new StreamWriter(Response.Body, new System.Text.UTF8Encoding(false), 1 << 16);
        async Task Line(object value) => await output.WriteLineAsync(JsonSerializer.Serialize(value, Json));

        await Line(new
        {
            kind = "header",
            format = Format,
            transactionFormat = LedgerHashing.Format,
            exportedAt = clock.GetUtcNow().UtcDateTime,
            algorithm = LedgerKey.Algorithm,
            keyId = key.KeyId,
            publicKey = key.PublicKeyPem,
        });
        await foreach (var entry in book.ReadAllAsync(cancellationToken))
        {
            await Line(new
            {
                kind = "entry",
                sequence = entry.Sequence,
                transactionHash = entry.TransactionHash,
                previousHash = entry.PreviousHash,
                entryHash = entry.EntryHash,
                transaction = entry.RecomputedCanonical,
            });
        }
        // Rows outside the ledger are part of what the database holds: the offline verifier must see them to refuse them.
        await foreach (var (id, canonical) in book.ReadOrphanTransactionsAsync(cancellationToken))
        {
            await Line(new { kind = "orphanTransaction", transactionId = id, transaction = canonical });
        }
        foreach (var c in signed)
        {
            await Line(new { kind = "checkpoint", treeSize = c.TreeSize, rootHash = c.RootHash, signedAt = LedgerHashing.Time(c.SignedAt), signature = c.Signature, keyId = c.KeyId });
        }
        await output.FlushAsync(cancellationToken);
    }
}
