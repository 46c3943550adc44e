using System.Diagnostics;
using System.Globalization;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Ledger;
using EcoAssets.Domain;
using EcoAssets.Domain.Ledger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Ledger;

public sealed class LedgerEntriesController(EcoAssetsDbContext db, LedgerBook book, Checkpoints checkpoints, LedgerKey key) : ODataController
{
    [Authorize(Policy = Policies.ReadAudit)]
    [RegistryQuery]
    public IQueryable<LedgerEntry> Get() => db.LedgerEntries;

    [Authorize(Policy = Policies.ReadAudit)]
    [RegistryQuery]
    public SingleResult<LedgerEntry> Get(long key) => SingleResult.Create(db.LedgerEntries.Where(e => e.Sequence == key));

    /// <summary><c>LedgerEntries/EcoAssets.Checkpoint()</c>: the signed head of the tree as it stands.</summary>
    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet]
    public async Task<IActionResult> Checkpoint(CancellationToken cancellationToken) => Ok(await checkpoints.CurrentAsync(cancellationToken));

    /// <summary><c>LedgerEntries(5)/EcoAssets.Proof(treeSize=100)</c>: the entry's audit path in the tree of that size.</summary>
    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet]
    public async Task<IActionResult> Proof([FromRoute] long key, [FromODataUri] long treeSize, CancellationToken cancellationToken)
    {
        var size = await book.SizeAsync(cancellationToken);
        var entry = await db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Sequence == key, cancellationToken);
        if (entry is null)
        {
            return ApiErrors.NotFound("LedgerEntries", key.ToString(CultureInfo.InvariantCulture));
        }
        if (treeSize < key || treeSize > size)
        {
            return ApiErrors.Invalid(new RuleViolation("treeSize", $"treeSize must be between the entry's sequence ({key}) and the ledger's size ({size}).", "TreeSizeOutOfRange"));
        }
        return Ok(await ProveAsync(book, entry, treeSize, cancellationToken));
    }

    private static async Task<InclusionProof> ProveAsync(LedgerBook book, LedgerEntry entry, long treeSize, CancellationToken cancellationToken)
    {
        var (path, root) = await book.WithSubtreesAsync(perfect =>
            (MerkleTree.InclusionPath(entry.Sequence - 1, treeSize, perfect), MerkleTree.SubtreeHash(0, treeSize, perfect)), cancellationToken);
        return InclusionProof.Of(entry, treeSize, path, LedgerHashing.Hex(root));
    }

    /// <summary><c>LedgerEntries/EcoAssets.Consistency(first=10,second=20)</c>: the first tree is a prefix of the second.</summary>
    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet]
    public async Task<IActionResult> Consistency([FromODataUri] long first, [FromODataUri] long second, CancellationToken cancellationToken)
    {
        var size = await book.SizeAsync(cancellationToken);
        if (first < 1 || first > second)
        {
            return ApiErrors.Invalid(new RuleViolation("first", "first must be at least 1 and at most second.", "TreeSizeOutOfRange"));
        }
        if (second > size)
        {
            return ApiErrors.Invalid(new RuleViolation("second", $"second must be at most the ledger's size ({size}).", "TreeSizeOutOfRange"));
        }
        var (proof, firstRoot, secondRoot) = await book.WithSubtreesAsync(perfect =>
            (MerkleTree.ConsistencyPath(first, second, perfect), MerkleTree.SubtreeHash(0, first, perfect), MerkleTree.SubtreeHash(0, second, perfect)),
            cancellationToken);
        return Ok(new ConsistencyProof
        {
            First = first,
            Second = second,
            FirstRoot = LedgerHashing.Hex(firstRoot),
            SecondRoot = LedgerHashing.Hex(secondRoot),
            Proof = proof.Select(h => LedgerHashing.Hex(h)).ToList(),
        });
    }

    /// <summary>
    /// <c>LedgerEntries/EcoAssets.Verify()</c>: recomputes every transaction's hash from its row, the chain, and the Merkle
    /// root at every signed checkpoint (whose signatures it checks), and names the first entry that does not match.
    /// </summary>
    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet]
    public async Task<IActionResult> Verify(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stored = await db.LedgerCheckpoints.AsNoTracking().ToListAsync(cancellationToken);
        var forged = stored.FirstOrDefault(c => !key.Verify(c.KeyId, LedgerHashing.TreeHeadMessage(c.TreeSize, c.RootHash, c.SignedAt), c.Signature));
        var (verdict, root) = await book.VerifyAsync(stored.ToDictionary(c => c.TreeSize, c => c.RootHash), cancellationToken);
        if (verdict.Valid && forged is not null)
        {
            verdict = verdict with { Valid = false, Problem = $"The checkpoint of size {forged.TreeSize} does not carry a valid signature of a ledger key this registry knows (current or retired)." };
        }
        return Ok(new LedgerVerification
        {
            Valid = verdict.Valid,
            CheckedEntries = verdict.CheckedEntries,
            FirstBadSequence = verdict.FirstBadSequence,
            Problem = verdict.Problem,
            OrphanTransactionIds = [.. verdict.OrphanTransactionIds],
            OrphanTransactionCount = verdict.OrphanTransactionCount,
            OrphanEntrySequences = [.. verdict.OrphanEntrySequences],
            OrphanEntryCount = verdict.OrphanEntryCount,
            RootHash = verdict.Valid ? LedgerHashing.Hex(root) : null,
            CheckpointsVerified = verdict.Valid ? stored.Count : 0,
            ElapsedMilliseconds = clock.ElapsedMilliseconds,
        });
    }
}
