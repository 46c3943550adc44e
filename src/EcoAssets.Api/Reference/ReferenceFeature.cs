using EcoAssets.Domain.Reference;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Reference;

/// <summary>Regions of the city and the indicators of its 2021–2025 plan, with their observations and progress.</summary>
public static class ReferenceFeature
{
    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var region = builder.EntitySet<Region>("Regions").EntityType;
        region.Name = "Region";
        region.HasKey(r => r.Code);

        var indicator = builder.EntitySet<PlanIndicator>("PlanIndicators").EntityType;
        indicator.Name = "PlanIndicator";
        indicator.HasKey(i => i.Code);

        var observation = builder.EntitySet<IndicatorObservation>("IndicatorObservations").EntityType;
        observation.Name = "IndicatorObservation";
        observation.HasKey(o => o.Id);

        builder.ComplexType<IndicatorProgress>().Name = "IndicatorProgress";
        var progress = indicator.Collection.Function("Progress").ReturnsCollection<IndicatorProgress>();
        progress.Parameter<int>("year");
    }
}
