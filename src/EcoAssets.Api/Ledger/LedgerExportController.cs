using System.Globalization;
using System.Text.Json;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
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

    /// <summary>
    /// The whole ledger, or the ledger as it stood: <c>?upToSize=N</c> stops after entry N, <c>?upTo=</c> (an ISO 8601
    /// time with its offset) at the last checkpoint signed by then, so that "was trade T in the ledger on day D" is
    /// answered by an export that ends in a checkpoint of day D. A cut export lists the checkpoints within it.
    /// </summary>
    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] string? upToSize, [FromQuery] string? upTo, CancellationToken cancellationToken)
    {
        if (upToSize is not null && upTo is not null)
        {
            return ApiErrors.Plain(StatusCodes.Status400BadRequest, "ExportCutOffAmbiguous", "Give upToSize or upTo, not both.", "upTo");
        }
        var size = await book.SizeAsync(cancellationToken);
        long cut;
        DateTime? until = null;
        if (upToSize is not null)
        {
            if (!long.TryParse(upToSize, NumberStyles.None, CultureInfo.InvariantCulture, out cut) || cut > size)
            {
                return ApiErrors.Plain(StatusCodes.Status400BadRequest, "InvalidUpToSize",
                    $"upToSize is a tree size from 0 to the ledger's size, {size}.", "upToSize");
            }
        }
        else if (upTo is not null)
        {
            if (!DateTimeOffset.TryParse(upTo, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) || !HasOffset(upTo))
            {
                return ApiErrors.Plain(StatusCodes.Status400BadRequest, "InvalidUpTo",
                    "upTo is an ISO 8601 time with its offset, for example 2026-12-01T00:00:00+08:00.", "upTo");
            }
            until = time.UtcDateTime;
            cut = await db.LedgerCheckpoints.Where(c => c.SignedAt <= until).MaxAsync(c => (long?)c.TreeSize, cancellationToken) ?? 0;
        }
        else
        {
            // The current size is signed first, so a whole export always ends in a checkpoint that covers all of it.
            cut = (await checkpoints.CurrentAsync(cancellationToken)).TreeSize;
        }
        var signed = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.TreeSize <= cut && (until == null || c.SignedAt <= until))
            .OrderBy(c => c.TreeSize).ToListAsync(cancellationToken);
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
            treeSize = cut,
            keys = key.Keys.Select(k => new { keyId = k.KeyId, publicKey = k.PublicKey }),
        });
        await foreach (var entry in book.ReadAllAsync(cut, cancellationToken))
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
        return new EmptyResult();
    }

    // DateTimeOffset.TryParse takes a time without an offset as local time; an export cut must not depend on the host's zone.
    private static bool HasOffset(string time) =>
        time.EndsWith('Z') || time.EndsWith('z') || (time.Length > 6 && time[^6] is '+' or '-' && time[^3] == ':');
}
