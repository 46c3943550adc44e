namespace EcoAssets.Domain.Assets;

/// <summary>One line of a SEEA asset account: the stock of one basis (and unit) across a set of accounts.</summary>
public sealed record StatementLine(
    MeasureBasis Basis,
    string Unit,
    int Accounts,
    decimal Opening,
    decimal Growth,
    decimal Discovery,
    decimal ReclassificationIn,
    decimal TotalAdditions,
    decimal Extraction,
    decimal CatastrophicLoss,
    decimal ReclassificationOut,
    decimal TotalReductions,
    decimal Revaluation,
    decimal Closing);

/// <summary>
/// The SEEA Central Framework asset account identity, the same as China's natural-resource balance sheet
/// (期初 + 本期增加 − 本期减少 = 期末): closing = opening + additions − reductions + revaluation.
/// </summary>
public static class AssetStatement
{
    public static decimal Additions(AssetMovement m) => m.Growth + m.Discovery + m.ReclassificationIn;

    public static decimal Reductions(AssetMovement m) => m.Extraction + m.CatastrophicLoss + m.ReclassificationOut;

    public static decimal Closing(AssetMovement m) => m.Opening + Additions(m) - Reductions(m) + m.Revaluation;

    /// <summary>What is wrong with an entry before it is recorded; fills in <see cref="AssetMovement.Closing"/> when nothing is.</summary>
    public static List<RuleViolation> Check(AssetMovement m, decimal? closingGiven)
    {
        var errors = new List<RuleViolation>();
        if (m.Year is < 2000 or > 2100)
        {
            errors.Add(new("Year", "Year must be between 2000 and 2100.", "YearOutOfRange"));
        }
        foreach (var (name, value) in new[]
        {
            ("Opening", m.Opening), ("Growth", m.Growth), ("Discovery", m.Discovery),
            ("ReclassificationIn", m.ReclassificationIn), ("Extraction", m.Extraction),
            ("CatastrophicLoss", m.CatastrophicLoss), ("ReclassificationOut", m.ReclassificationOut),
        })
        {
            if (value < 0)
            {
                errors.Add(new(name, $"{name} is an amount, never negative; record a decrease as a reduction.", "NegativeAmount"));
            }
            StoredDecimals.Check(errors, name, value, 4);
        }
        StoredDecimals.Check(errors, "Revaluation", m.Revaluation, 4);
        if (errors.Count > 0)
        {
            return errors;
        }
        if (m.Basis == MeasureBasis.Physical && m.Revaluation != 0)
        {
            errors.Add(new("Revaluation", "Revaluation is a monetary entry; a physical entry has none.", "RevaluationIsMonetary"));
        }
        var closing = Closing(m);
        if (closing < 0)
        {
            errors.Add(new("Closing", $"Reductions exceed the stock: closing would be {closing}.", "NegativeClosing"));
        }
        StoredDecimals.Check(errors, "Closing", closing, 4);
        if (closingGiven is { } given && given != closing)
        {
            errors.Add(new("Closing", $"Closing must equal opening + additions − reductions + revaluation = {closing}, not {given}.", "ClosingMismatch"));
        }
        if (errors.Count == 0)
        {
            m.Closing = closing;
        }
        return errors;
    }

    /// <summary>Adds entries up, field by field, into one entry of totals.</summary>
    public static AssetMovement Total(IEnumerable<AssetMovement> entries)
    {
        var total = new AssetMovement();
        foreach (var m in entries)
        {
            total.Opening += m.Opening;
            total.Growth += m.Growth;
            total.Discovery += m.Discovery;
            total.ReclassificationIn += m.ReclassificationIn;
            total.Extraction += m.Extraction;
            total.CatastrophicLoss += m.CatastrophicLoss;
            total.ReclassificationOut += m.ReclassificationOut;
            total.Revaluation += m.Revaluation;
        }
        return total;
    }

    /// <summary>One statement line from the totals of a set of entries of one basis and unit.</summary>
    public static StatementLine Line(MeasureBasis basis, string unit, int accounts, AssetMovement totals) =>
        new(basis, unit, accounts, totals.Opening,
            totals.Growth, totals.Discovery, totals.ReclassificationIn, Additions(totals),
            totals.Extraction, totals.CatastrophicLoss, totals.ReclassificationOut, Reductions(totals),
            totals.Revaluation, Closing(totals));
}
