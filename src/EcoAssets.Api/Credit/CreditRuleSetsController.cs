using System.Globalization;
using System.Text.Json;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Credit;

/// <summary>
/// Versioned scoring schemes. A POST makes a draft (the next version of its scheme); a draft may be PATCHed;
/// Activate freezes it for good and retires the scheme's version that was active; a change is a new version.
/// </summary>
public sealed class CreditRuleSetsController(EcoAssetsDbContext db, TimeProvider clock) : ODataController
{
    [Authorize(Policy = Policies.ReadRuleSets)]
    [RegistryQuery]
    public IQueryable<CreditRuleSet> Get() => db.CreditRuleSets;

    [Authorize(Policy = Policies.ReadRuleSets)]
    [RegistryQuery]
    public SingleResult<CreditRuleSet> Get(long key) => SingleResult.Create(db.CreditRuleSets.Where(r => r.Id == key));

    [Authorize(Policy = Policies.Administer)]
    public async Task<IActionResult> Post([FromBody] CreditRuleSet? submitted, CancellationToken cancellationToken)
    {
        if (submitted is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        var (rules, errors) = Read(submitted.Document);
        if (rules is null)
        {
            return ApiErrors.Invalid(errors);
        }
        var latest = await db.CreditRuleSets.Where(r => r.Scheme == rules.Scheme).MaxAsync(r => (int?)r.SchemeVersion, cancellationToken) ?? 0;
        var draft = CreditRuleSet.Draft(submitted.Document, rules, latest + 1, clock.GetUtcNow().UtcDateTime);
        db.CreditRuleSets.Add(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ApiErrors.Conflict(new("scheme", $"Another version {latest + 1} of scheme {rules.Scheme} was posted at the same time; post again.", "ConcurrentChange"));
        }
        return Created(draft);
    }

    /// <summary>Only a draft's Document changes (with its ETag); an active or retired rule set is frozen.</summary>
    [Authorize(Policy = Policies.Administer)]
    public async Task<IActionResult> Patch(long key, Delta<CreditRuleSet>? delta, ODataQueryOptions<CreditRuleSet> options, CancellationToken cancellationToken)
    {
        if (delta is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        if (delta.GetChangedPropertyNames().FirstOrDefault(p => p != nameof(CreditRuleSet.Document)) is { } readOnly)
        {
            return ApiErrors.Invalid(new RuleViolation(readOnly, $"{readOnly} is the registry's; only a draft's Document changes.", "ReadOnly"));
        }
        var ruleSet = await db.CreditRuleSets.FindAsync([key], cancellationToken);
        if (ruleSet is null)
        {
            return ApiErrors.NotFound("CreditRuleSets", key.ToString(CultureInfo.InvariantCulture));
        }
        if (ETagPrecondition.Check(Request, options, ruleSet) is { } precondition)
        {
            return precondition;
        }
        if (ruleSet.Frozen() is { } frozen)
        {
            return ApiErrors.Conflict(frozen);
        }
        var document = delta.TryGetPropertyValue(nameof(CreditRuleSet.Document), out var value) ? value as string ?? "" : ruleSet.Document;
        var (rules, errors) = Read(document);
        if (rules is null)
        {
            return ApiErrors.Invalid(errors);
        }
        if (ruleSet.Redraft(document, rules) is { } refused)
        {
            return ApiErrors.Invalid(refused);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ETagPrecondition.Stale();
        }
        return Ok(ruleSet);
    }

    /// <summary>The draft becomes the scheme's active version; the version active before is retired in the same save.</summary>
    [Authorize(Policy = Policies.Administer)]
    [HttpPost]
    public async Task<IActionResult> Activate([FromRoute] long key, CancellationToken cancellationToken)
    {
        var ruleSet = await db.CreditRuleSets.FindAsync([key], cancellationToken);
        if (ruleSet is null)
        {
            return ApiErrors.NotFound("CreditRuleSets", key.ToString(CultureInfo.InvariantCulture));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (ruleSet.Activate(now) is { } refused)
        {
            return ApiErrors.Conflict(refused);
        }
        foreach (var active in await db.CreditRuleSets.Where(r => r.Scheme == ruleSet.Scheme && r.Status == RuleSetStatus.Active && r.Id != key).ToListAsync(cancellationToken))
        {
            active.Retire(now);
        }
        return await SaveAsync(ruleSet, cancellationToken);
    }

    /// <summary>No evaluation runs under a retired rule set again; its evaluations keep pointing at it.</summary>
    [Authorize(Policy = Policies.Administer)]
    [HttpPost]
    public async Task<IActionResult> Retire([FromRoute] long key, CancellationToken cancellationToken)
    {
        var ruleSet = await db.CreditRuleSets.FindAsync([key], cancellationToken);
        if (ruleSet is null)
        {
            return ApiErrors.NotFound("CreditRuleSets", key.ToString(CultureInfo.InvariantCulture));
        }
        if (ruleSet.Retire(clock.GetUtcNow().UtcDateTime) is { } refused)
        {
            return ApiErrors.Conflict(refused);
        }
        return await SaveAsync(ruleSet, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(CreditRuleSet ruleSet, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiErrors.Conflict(new("Status", $"Rule set {ruleSet.Id} changed at the same time; read it again.", "ConcurrentChange"));
        }
        return Ok(ruleSet);
    }

    /// <summary>The document against the JSON Schema, then the rules the schema cannot express.</summary>
    internal static (RuleDocument? Rules, List<RuleViolation> Errors) Read(string? document)
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
