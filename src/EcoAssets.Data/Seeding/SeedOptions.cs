namespace EcoAssets.Data.Seeding;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Asset accounts per unit of scale; 1 is the demo set, 100 the 200,000-account benchmark set.</summary>
    public const int AccountsPerScale = 2_000;

    /// <summary>Size of the demo data set; 0 seeds none (reference data is always loaded).</summary>
    public int Scale { get; set; } = 1;

    /// <summary>The random seed: the same seed and scale always give the same data.</summary>
    public int RandomSeed { get; set; } = 140400;
}
