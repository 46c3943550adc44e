using System.Text.Json;
using System.Text.Json.Serialization;
using EcoAssets.Domain.Credit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Credit;

public sealed class CreditEventConfiguration : IEntityTypeConfiguration<CreditEvent>
{
    public void Configure(EntityTypeBuilder<CreditEvent> e)
    {
        e.HasKey(x => x.Id);
        e.HasOne(x => x.Party).WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        // Scoring reads an enterprise's events in its window.
        e.HasIndex(x => new { x.PartyId, x.OccurredOn });
    }
}

public sealed class CreditRuleSetConfiguration : IEntityTypeConfiguration<CreditRuleSet>
{
    public void Configure(EntityTypeBuilder<CreditRuleSet> r)
    {
        r.HasKey(x => x.Id);
        r.Property(x => x.Version).IsConcurrencyToken();
        r.HasIndex(x => new { x.Scheme, x.SchemeVersion }).IsUnique();
    }
}

public sealed class CreditEvaluationConfiguration : IEntityTypeConfiguration<CreditEvaluation>
{
    private static readonly JsonSerializerOptions BreakdownJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Configure(EntityTypeBuilder<CreditEvaluation> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Version).IsConcurrencyToken();
        // The explanation travels with the evaluation as one JSON document: it is read whole, never queried into, and
        // never changes (an evaluation is not edited). A plain converted column, not owned entities: a city-wide run
        // writes 20,000 evaluations, and tracking their 100,000-odd lines as entities cost more than the scoring.
        e.Property(x => x.Breakdown).HasConversion(
            lines => JsonSerializer.Serialize(lines, BreakdownJson),
            text => JsonSerializer.Deserialize<List<BreakdownLine>>(text, BreakdownJson) ?? new List<BreakdownLine>(),
            new ValueComparer<List<BreakdownLine>>((a, b) => ReferenceEquals(a, b), lines => lines.Count, lines => lines));
        e.HasOne(x => x.Party).WithMany(p => p.CreditEvaluations).HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.RuleSet).WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CreditEvaluation>().WithMany().HasForeignKey(x => x.RevisesId).OnDelete(DeleteBehavior.Restrict);
        // CurrentCredit: an enterprise's evaluations by status, newest first.
        e.HasIndex(x => new { x.PartyId, x.Status });
        // The bureau's queues (provisional, under objection) in key order: the index ends with the rowid, which is Id.
        e.HasIndex(x => x.Status);
        // The banks' change feed: one position per grade change, read in order.
        e.HasIndex(x => x.ChangeSequence).IsUnique();
    }
}

public sealed class LoanPrimeRateConfiguration : IEntityTypeConfiguration<LoanPrimeRate>
{
    public void Configure(EntityTypeBuilder<LoanPrimeRate> r)
    {
        r.HasKey(x => x.Id);
        r.HasIndex(x => new { x.Tenor, x.EffectiveFrom }).IsUnique();
    }
}
