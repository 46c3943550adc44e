using EcoAssets.Data.Telemetry;
using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Credit;

/// <summary>
/// The one door for writes to enterprises' environmental behaviour records: one event, a whole file of them, and
/// an annulment. A single POST, a <c>$batch</c> part and an import line pass the same rules (the event's own, then
/// the party's: registered and rated), and the registry, not the caller, stamps who recorded it and when. Imports are
/// counted, with their rows, in <see cref="RegistryMetrics"/>.
/// </summary>
public sealed class CreditEventRecorder(EcoAssetsDbContext db, TimeProvider clock, RegistryMetrics? metrics = null)
{
    public async Task<WriteOutcome<CreditEvent>> RecordAsync(CreditEvent submitted, string recordedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = CreditEventRules.Check(submitted, DateOnly.FromDateTime(now));
        if (errors.Count == 0)
        {
            var kinds = await PartyKindsAsync([submitted.PartyId], cancellationToken);
            if (PartyProblem(submitted.PartyId, kinds, "") is { } party)
            {
                errors.Add(party);
            }
        }
        if (errors.Count > 0)
        {
            return WriteOutcome<CreditEvent>.Invalid(errors);
        }
        return await db.InTransactionAsync(async () =>
        {
            db.CreditEvents.Add(Stamped(submitted, recordedBy, now));
            await db.SaveChangesAsync(cancellationToken);
            return WriteOutcome<CreditEvent>.Created(submitted);
        }, cancellationToken);
    }

    /// <summary>A file of events, all or nothing: every bad line is reported and then nothing is recorded.</summary>
    public async Task<CreditEventImportOutcome> ImportAsync(Stream body, bool csv, string recordedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = await CreditEventImport.ReadAsync(body, csv, cancellationToken);
        var (events, errors) = CreditEventImport.Check(lines, DateOnly.FromDateTime(now));
        var kinds = await PartyKindsAsync(events.Select(e => e.Event.PartyId), cancellationToken);
        errors.AddRange(events.Select(e => PartyProblem(e.Event.PartyId, kinds, $"line {e.Line}: ")).OfType<RuleViolation>());
        var format = csv ? "csv" : "ndjson";
        if (errors.Count > 0)
        {
            metrics?.Imported("credit-events", format, recorded: false, errors.Count);
            return new([], errors);
        }
        var recorded = events.Select(e => Stamped(e.Event, recordedBy, now)).ToList();
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, cancellationToken);
        db.CreditEvents.AddRange(recorded);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics?.Imported("credit-events", format, recorded: true, recorded.Count);
        return new(recorded, []);
    }

    /// <summary>A penalty revoked on appeal or an objection upheld: the event stays on record but counts no more.</summary>
    public async Task<WriteOutcome<CreditEvent>> AnnulAsync(long key, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return WriteOutcome<CreditEvent>.Invalid(new RuleViolation("Reason", "Reason is required: why the event no longer counts.", "Required"));
        }
        return await db.InTransactionAsync(async () =>
        {
            var e = await db.CreditEvents.FindAsync([key], cancellationToken);
            if (e is null)
            {
                return WriteOutcome<CreditEvent>.NotFound("CreditEvents", key.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (e.AnnulledAt is not null)
            {
                return WriteOutcome<CreditEvent>.Conflict(new("AnnulledAt", $"Event {key} was annulled on {e.AnnulledAt:yyyy-MM-dd}.", "AlreadyAnnulled"));
            }
            e.AnnulledAt = clock.GetUtcNow().UtcDateTime;
            e.AnnulmentReason = reason.Trim();
            await db.SaveChangesAsync(cancellationToken);
            return WriteOutcome<CreditEvent>.Changed(e);
        }, cancellationToken);
    }

    private async Task<Dictionary<string, PartyKind>> PartyKindsAsync(IEnumerable<string> partyIds, CancellationToken cancellationToken)
    {
        var kinds = new Dictionary<string, PartyKind>(StringComparer.Ordinal);
        foreach (var chunk in partyIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var party in await db.Parties.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.Kind }).ToListAsync(cancellationToken))
            {
                kinds[party.Id] = party.Kind;
            }
        }
        return kinds;
    }

    private static RuleViolation? PartyProblem(string partyId, Dictionary<string, PartyKind> kinds, string line) =>
        !kinds.TryGetValue(partyId, out var kind)
            ? new($"{line}PartyId", $"{line}PartyId {partyId} is not a registered party; register it under Parties first.", "PartyUnknown")
            : !CreditEventRules.IsRated(kind)
                ? new($"{line}PartyId", $"{line}{partyId} is a {kind}; environmental credit rates enterprises, individual businesses and cooperatives.", "PartyNotRated")
                : null;

    // Whatever the caller sent for these, the registry decides them.
    private static CreditEvent Stamped(CreditEvent e, string recordedBy, DateTime now)
    {
        e.Id = 0;
        e.RecordedBy = recordedBy;
        e.RecordedAt = now;
        e.AnnulledAt = null;
        e.AnnulmentReason = null;
        return e;
    }
}
