namespace EcoAssets.Api.Identity;

/// <summary>
/// A change to a client (<c>PATCH /admin/clients/{id}</c>): only what is given changes. <see cref="Party"/> and
/// <see cref="Region"/> may be given as null (unbind, no region), hence a flag each for whether they are given.
/// </summary>
public sealed record ClientChange(string[]? Scopes = null, bool ChangesRegion = false, string? Region = null, bool ChangesParty = false, string? Party = null);
