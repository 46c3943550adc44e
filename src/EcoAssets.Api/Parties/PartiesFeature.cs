using EcoAssets.Domain.Parties;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Parties;

/// <summary>Enterprises, collectives, agencies, banks, valuers and individuals.</summary>
public static class PartiesFeature
{
    /// <summary>What a PATCH may change; the id, kind and bookkeeping fields are the registry's.</summary>
    public static readonly HashSet<string> Editable =
        [nameof(Party.Name), nameof(Party.RegionCode), nameof(Party.IndustryCode), nameof(Party.KeyPollutantDischarger), nameof(Party.PermitNumber)];

    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var party = builder.EntitySet<Party>("Parties").EntityType;
        party.Name = "Party";
        party.HasKey(p => p.Id);
        party.Property(p => p.Version).IsConcurrencyToken();
    }
}
