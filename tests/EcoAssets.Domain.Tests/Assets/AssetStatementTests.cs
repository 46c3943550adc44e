using CsCheck;
using EcoAssets.Domain.Assets;

namespace EcoAssets.Domain.Tests.Assets;

public sealed class AssetStatementTests
{
    private static readonly Gen<decimal> Amount = Gen.Decimal[0m, 1_000_000m].Select(d => Math.Round(d, 2));

    private static readonly Gen<AssetMovement> Entries =
        Gen.Select(Amount, Amount, Amount, Amount, Amount, Amount, Gen.Decimal[-10_000m, 10_000m].Select(d => Math.Round(d, 2)))
            .Select((opening, growth, discovery, extraction, loss, reclassOut, revaluation) => new AssetMovement
            {
                Opening = opening + extraction + loss + reclassOut,
                Growth = growth,
                Discovery = discovery,
                Extraction = extraction,
                CatastrophicLoss = loss,
                ReclassificationOut = reclassOut,
                Basis = MeasureBasis.Monetary,
                Revaluation = revaluation,
                Year = 2024,
            });

    [Fact]
    public void Closing_is_opening_plus_additions_minus_reductions_plus_revaluation()
    {
        Entries.Sample(m =>
            Assert.Equal(m.Opening + m.Growth + m.Discovery + m.ReclassificationIn - m.Extraction - m.CatastrophicLoss - m.ReclassificationOut + m.Revaluation,
                AssetStatement.Closing(m)));
    }

    [Fact]
    public void The_identity_holds_for_a_statement_line_summed_over_any_set_of_entries()
    {
        Entries.List[0, 50].Sample(entries =>
        {
            var line = AssetStatement.Line(MeasureBasis.Monetary, "CNY", entries.Count, AssetStatement.Total(entries));

            Assert.Equal(line.Opening + line.TotalAdditions - line.TotalReductions + line.Revaluation, line.Closing);
            Assert.Equal(entries.Sum(AssetStatement.Closing), line.Closing);
        });
    }

    [Fact]
    public void A_physical_entry_has_no_revaluation()
    {
        var entry = new AssetMovement { Basis = MeasureBasis.Physical, Year = 2024, Opening = 10, Revaluation = 1 };

        Assert.Contains(AssetStatement.Check(entry, null), v => v.Target == "Revaluation");
    }

    [Fact]
    public void Check_fills_in_the_closing_when_the_entry_is_sound()
    {
        var entry = new AssetMovement { Basis = MeasureBasis.Physical, Year = 2024, Opening = 10, Growth = 2, Extraction = 1 };

        Assert.Empty(AssetStatement.Check(entry, 11));
        Assert.Equal(11, entry.Closing);
    }
}
