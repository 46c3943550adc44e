using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Ledger;
using EcoAssets.Domain.Ledger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Ledger;

/// <summary>An auditor's end-to-end view of one asset.</summary>
public sealed class TraceController(EcoAssetsDbContext db, LedgerBook book, Checkpoints checkpoints) : ODataController
{
    public const int MaxLineage = 64;

    /// <summary>
    /// <c>AssetAccounts('{id}')/EcoAssets.Trace()</c>: every transaction of the account and of the accounts it was split
    /// from, in ledger order, each with its inclusion proof against the latest checkpoint (signed here if the ledger
    /// has grown since).
    /// </summary>
    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet("odata/AssetAccounts({key})/EcoAssets.Trace()")]
    public async Task<IActionResult> Trace([FromRoute] string key, CancellationToken cancellationToken)
    {
        var lineage = new List<string>();
        string? current = key;
        while (current is not null && lineage.Count < MaxLineage)
        {
            var id = current;
            var account = await db.AssetAccounts.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Id, a.ParentId }).FirstOrDefaultAsync(cancellationToken);
            if (account is null)
            {
                if (lineage.Count == 0)
                {
                    return ApiErrors.NotFound("AssetAccounts", key);
                }
                break;
            }
            lineage.Add(account.Id);
            current = account.ParentId;
        }

        var head = await checkpoints.CurrentAsync(cancellationToken);
        var transactions = await db.Transactions.AsNoTracking().Where(t => lineage.Contains(t.AccountId) && t.Id <= head.TreeSize)
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var sequences = transactions.Select(t => t.LedgerSequence).ToList();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, cancellationToken);
        var paths = await book.WithSubtreesAsync(perfect => sequences.ToDictionary(s => s, s => MerkleTree.InclusionPath(s - 1, head.TreeSize, perfect)), cancellationToken);
        return Ok(new AssetTrace
        {
            AccountId = key,
            Lineage = lineage,
            Checkpoint = head,
            Steps = transactions.Where(t => entries.ContainsKey(t.LedgerSequence)).Select(t =>
            {
                var entry = entries[t.LedgerSequence];
                return new TraceStep
                {
                    TransactionId = t.Id,
                    Type = t.Type,
                    AccountId = t.AccountId,
                    FromPartyId = t.FromPartyId,
                    ToPartyId = t.ToPartyId,
                    Quantity = t.Quantity,
                    Price = t.Price,
                    TermMonths = t.TermMonths,
                    LoanReference = t.LoanReference,
                    NewAccountId = t.NewAccountId,
                    OccurredAt = t.OccurredAt,
                    Proof = InclusionProof.Of(entry, head.TreeSize, paths[entry.Sequence], head.RootHash),
                };
            }).ToList(),
        });
    }
}
