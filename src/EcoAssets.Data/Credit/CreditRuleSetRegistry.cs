using System.Globalization;
using System.Text.Json;
using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Credit;

/// <summary>
/// The one door for writes to the versioned scoring schemes: a new draft (the next version of its scheme), a draft's
/// new text under its ETag, activation (which retires the version active before, in the same save) and retirement.
/// Each runs in one transaction, joining a <c>$batch</c> change set's.
/// </summary>
public sealed class CreditRuleSetRegistry(EcoAssetsDbContext db, TimeProvider clock)
{
    /// <summary>A document valid against the schema and the rules' own checks becomes the next draft of its scheme.</summary>
    public async Task<WriteOutcome<CreditRuleSet>> DraftAsync(string? document, CancellationToken cancellationToken)
    {
        var (rules, errors) = Read(document);
        if (rules is null)
        {
            return WriteOutcome<CreditRuleSet>.Invalid(errors);
        }
        return await db.InTransactionAsync(async () =>
        {
            // On SQLite the transaction holds the write lock, so two drafts cannot take the same version; elsewhere the
            // unique (scheme, version) index catches it and the client posts again.
            var latest = await db.CreditRuleSets.Where(r => r.Scheme == rules.Scheme).MaxAsync(r => (int?)r.SchemeVersion, cancellationToken) ?? 0;
            var draft = CreditRuleSet.Draft(document!, rules, latest + 1, clock.GetUtcNow().UtcDateTime);
            db.CreditRuleSets.Add(draft);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.Entry(draft).State = EntityState.Detached;
                return WriteOutcome<CreditRuleSet>.Conflict(new("scheme",
                    $"Another version {latest + 1} of scheme {rules.Scheme} was posted at the same time; post again.", "ConcurrentChange"));
            }
            return WriteOutcome<CreditRuleSet>.Created(draft);
        }, cancellationToken);
    }

    /// <summary>Only a draft's Document changes (with its ETag); an active or retired rule set is frozen.</summary>
    public Task<WriteOutcome<CreditRuleSet>> RedraftAsync(long key, EntityChange<CreditRuleSet> change, CancellationToken cancellationToken)
    {
        if (CreditRuleSet.CheckEditable(change.Changed) is { } readOnly)
        {
            return Task.FromResult(WriteOutcome<CreditRuleSet>.Invalid(readOnly));
        }
        return db.InTransactionAsync(() => db.ChangeAsync("CreditRuleSets", key, change,
            before: _ => Task.FromResult<WriteOutcome<CreditRuleSet>?>(null),
            after: ruleSet =>
            {
                // Only the Document was applied, so the status is still the one to judge by.
                if (ruleSet.Frozen() is { } frozen)
                {
                    return Task.FromResult<WriteOutcome<CreditRuleSet>?>(WriteOutcome<CreditRuleSet>.Conflict(frozen));
                }
                var (rules, errors) = Read(ruleSet.Document);
                if (rules is null)
                {
                    return Task.FromResult<WriteOutcome<CreditRuleSet>?>(WriteOutcome<CreditRuleSet>.Invalid(errors));
                }
                return Task.FromResult(ruleSet.Redraft(ruleSet.Document, rules) is { } refused ? WriteOutcome<CreditRuleSet>.Invalid(refused) : null);
            },
            cancellationToken), cancellationToken);
    }

    /// <summary>The draft becomes the scheme's active version; the version active before is retired in the same save.</summary>
    public Task<WriteOutcome<CreditRuleSet>> ActivateAsync(long key, CancellationToken cancellationToken) =>
        ChangeStatusAsync(key, async (ruleSet, now) =>
        {
            if (ruleSet.Activate(now) is { } refused)
            {
                return refused;
            }
            foreach (var active in await db.CreditRuleSets
                         .Where(r => r.Scheme == ruleSet.Scheme && r.Status == RuleSetStatus.Active && r.Id != key).ToListAsync(cancellationToken))
            {
                active.Retire(now);
            }
            return null;
        }, cancellationToken);

    /// <summary>No evaluation runs under a retired rule set again; its evaluations keep pointing at it.</summary>
    public Task<WriteOutcome<CreditRuleSet>> RetireAsync(long key, CancellationToken cancellationToken) =>
        ChangeStatusAsync(key, (ruleSet, now) => Task.FromResult(ruleSet.Retire(now)), cancellationToken);

    private Task<WriteOutcome<CreditRuleSet>> ChangeStatusAsync(long key, Func<CreditRuleSet, DateTime, Task<RuleViolation?>> rule,
        CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var ruleSet = await db.CreditRuleSets.FindAsync([key], cancellationToken);
            if (ruleSet is null)
            {
                return WriteOutcome<CreditRuleSet>.NotFound("CreditRuleSets", key.ToString(CultureInfo.InvariantCulture));
            }
            if (await rule(ruleSet, clock.GetUtcNow().UtcDateTime) is { } refused)
            {
                return WriteOutcome<CreditRuleSet>.Conflict(refused);
            }
            return await db.TrySaveAsync(cancellationToken)
                ? WriteOutcome<CreditRuleSet>.Changed(ruleSet)
                : WriteOutcome<CreditRuleSet>.Conflict(new("Status", $"Rule set {ruleSet.Id} changed at the same time; read it again.", "ConcurrentChange"));
        }, cancellationToken);

    /// <summary>The document against the JSON Schema, then the rules the schema cannot express.</summary>
    private static (RuleDocument? Rules, List<RuleViolation> Errors) Read(string? document)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            return (null, [new("Document", "Document is required: the rule set as JSON (schemas/credit-ruleset.schema.json).", "Required")]);
        }
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document);
        }
        catch (JsonException e)
        {
            return (null, [new("Document", $"Document is not JSON: {e.Message}", "DocumentNotJson")]);
        }
        using (parsed)
        {
            var errors = DocumentSchemas.Check(DocumentSchemas.RuleSet, parsed.RootElement, "Document/");
            if (errors.Count > 0)
            {
                return (null, errors);
            }
        }
        var rules = RuleDocument.Parse(document);
        var semantic = rules.Check().Select(v => v with { Target = "Document/" + v.Target }).ToList();
        return semantic.Count > 0 ? (null, semantic) : (rules, []);
    }
}
