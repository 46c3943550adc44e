using EcoAssets.Domain.Parties;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Parties;

/// <summary>Enterprises, collectives, agencies, banks, valuers and individuals.</summary>
public static class PartiesFeature
{
    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var party = builder.EntitySet<Party>("Parties").EntityType;
        party.Name = "Party";
        party.HasKey(p => p.Id);
        party.Property(p => p.Version).IsConcurrencyToken();
    }
}
