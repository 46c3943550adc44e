using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain.Ledger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Ledger;

/// <summary>
/// <c>GET /ledger/checkpoints</c>: every signed checkpoint in tree-size order, as an append-only feed that a bank or the
/// audit office mirrors (<c>?after={treeSize}</c> for what is new since its last copy). Anyone who kept an older
/// checkpoint can then ask for a consistency proof to the newest one; a rewritten history cannot give it. Readable with
/// the registry's read scope (banks, bureaus and auditors hold it): a checkpoint is a size, a root and a signature,
/// nothing about any trade.
/// </summary>
[ApiController]
[Route("ledger/checkpoints")]
public sealed class CheckpointFeedController(EcoAssetsDbContext db, LedgerKey key) : ControllerBase
{
    public const string Format = "ecoassets-checkpoints-v1";
    public const int PageSize = 1_000;

    [Authorize(Policy = Policies.ReadRegistry)]
    [HttpGet]
    public async Task<IActionResult> Feed([FromQuery] string? after, CancellationToken cancellationToken)
    {
        long from = 0;
        if (after is not null && (!long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out from)))
        {
            return ApiErrors.Plain(StatusCodes.Status400BadRequest, "InvalidAfter", "after is the tree size of the last checkpoint you hold: a whole number, 0 or more.", "after");
        }
        var page = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.TreeSize > from).OrderBy(c => c.TreeSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var more = page.Count > PageSize;
        var shown = page.Take(PageSize).ToList();
        return Ok(new
        {
            format = Format,
            algorithm = LedgerKey.Algorithm,
            keys = key.Keys.Select(k => new { keyId = k.KeyId, publicKey = k.PublicKey, current = k.Current }),
            checkpoints = shown.Select(c => new
            {
                treeSize = c.TreeSize,
                rootHash = c.RootHash,
                signedAt = LedgerHashing.Time(c.SignedAt),
                signature = c.Signature,
                keyId = c.KeyId,
            }),
            next = more ? $"{Request.PathBase}/ledger/checkpoints?after={shown[^1].TreeSize}" : null,
        });
    }
}
