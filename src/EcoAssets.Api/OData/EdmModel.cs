using EcoAssets.Api.Assets;
using EcoAssets.Api.Audit;
using EcoAssets.Api.Bank;
using EcoAssets.Api.Credit;
using EcoAssets.Api.Ledger;
using EcoAssets.Api.Parties;
using EcoAssets.Api.Reference;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.OData;

/// <summary>
/// The service's EDM: each feature adds its entity sets and operations, then every type is put into the
/// <c>EcoAssets</c> namespace. The names here are the contract clients code against; set them explicitly so that a
/// CLR rename cannot change <c>$metadata</c> (a test compares it with <c>schemas/EcoAssets.csdl.xml</c>).
/// </summary>
public static class EdmModel
{
    public const string Namespace = "EcoAssets";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder
        {
            Namespace = Namespace,
            ContainerName = "Registry",
        };
        ReferenceFeature.ConfigureEdm(builder);
        PartiesFeature.ConfigureEdm(builder);
        AssetsFeature.ConfigureEdm(builder);
        CreditFeature.ConfigureEdm(builder);
        BankFeature.ConfigureEdm(builder);
        LedgerFeature.ConfigureEdm(builder);
        AuditFeature.ConfigureEdm(builder);

        builder.OnModelCreating = model =>
        {
            foreach (var type in model.StructuralTypes)
            {
                type.Namespace = Namespace;
                // A kind's details exist only on accounts of that kind: `$select=Land/LandUseClass` over forests answers
                // null for them, which a non-nullable facet would make the serializer refuse mid-answer.
                if (type is ComplexTypeConfiguration)
                {
                    foreach (var property in type.Properties.OfType<StructuralPropertyConfiguration>())
                    {
                        property.NullableProperty = true;
                    }
                }
            }
            foreach (var type in model.EnumTypes)
            {
                type.Namespace = Namespace;
            }
        };
        var model = (Microsoft.OData.Edm.EdmModel)builder.GetEdmModel();
        // What each element means and what each set can do, in $metadata, where the OpenAPI document reads them too.
        EdmDescriptions.Apply(model);
        EdmCapabilities.Apply(model);
        return model;
    }
}
