namespace EcoAssets.Domain.Reference;

/// <summary>
/// Where a client may write: its county or district, or the whole city (140400 covers every division in it).
/// A client with no region writes nowhere that needs one.
/// </summary>
public sealed record RegionScope(string? Region)
{
    public static readonly RegionScope WholeCity = new(RegionCodes.City);

    public bool Covers(string? regionCode) => Region == RegionCodes.City || (Region is not null && Region == regionCode);

    /// <summary>Null when <paramref name="regionCode"/> is inside the scope; otherwise the 403 reason, naming RegionCode.</summary>
    public RuleViolation? Check(string? regionCode, string what) =>
        Covers(regionCode)
            ? null
            : new("RegionCode", Region is null
                ? $"This client has no region: it may not change {what} in {regionCode}."
                : $"This client's jurisdiction is {Region}; the {what} is in {regionCode}.", "OutsideJurisdiction");
}
