using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.OData;

/// <summary>
/// Writes the action and function advertisements of full metadata (<c>odata.metadata=full</c>) so that the answer
/// is whole. The registry has an action and a function of one name, <c>EcoAssets.Verify</c> (an account's verification,
/// the ledger's check). The library advertises the account's action by that name; Microsoft.OData.Core then looks
/// every advertised name up in the model (<c>ResolveOperations</c>) to know which operations it need not compute
/// itself, finds the action and the function under it, and throws ("the group returned has both actions and
/// functions"), while writing the entity, after the 200. Such an operation is not advertised here; OData.Core computes
/// its advertisement from the operations bound to the entity's type (the action only), with the same metadata and
/// target, without the lookup by name.
/// <para>
/// It also writes a null complex property (an account's <c>Forest</c>, <c>Water</c>, <c>Land</c> and <c>Mineral</c>,
/// all but one null on every account) as a plain <c>"Forest":null</c> property of the resource. The library writes each
/// one as a nested resource of its own (a scope, a copy of the OData path, a selection lookup), which was a fifth of
/// the time of a page of accounts. Only the leading run of null complex properties is moved, so the properties come
/// out in the same order as before: structural ones, then complex ones in the type's order.
/// </para>
/// </summary>
public sealed class OperationAdvertisements(IODataSerializerProvider serializerProvider) : ODataResourceSerializer(serializerProvider)
{
    public override ODataAction CreateODataAction(IEdmAction action, ResourceContext resourceContext)
    {
        ArgumentNullException.ThrowIfNull(resourceContext);
        return SharesItsName(resourceContext.EdmModel, action) ? null! : base.CreateODataAction(action, resourceContext);
    }

    public override ODataFunction CreateODataFunction(IEdmFunction function, ResourceContext resourceContext)
    {
        ArgumentNullException.ThrowIfNull(resourceContext);
        return SharesItsName(resourceContext.EdmModel, function) ? null! : base.CreateODataFunction(function, resourceContext);
    }

    public override ODataResource CreateResource(SelectExpandNode selectExpandNode, ResourceContext resourceContext)
    {
        var resource = base.CreateResource(selectExpandNode, resourceContext);
        if (resource is null || selectExpandNode?.SelectedComplexProperties is not { Count: > 0 } complex || resourceContext.EdmObject is IDelta)
        {
            return resource!;
        }
        // The library's property bag is a list of its own; it is added to in place rather than copied.
        var bag = resource.Properties as List<ODataProperty>;
        List<ODataPropertyInfo>? copy = null;
        foreach (var (property, _) in complex)
        {
            if (!IsNullSingle(property, resourceContext))
            {
                break;
            }
            var nullProperty = new ODataProperty { Name = property.Name, Value = null };
            if (bag is not null)
            {
                bag.Add(nullProperty);
            }
            else
            {
                (copy ??= [.. resource.Properties ?? []]).Add(nullProperty);
            }
        }
        if (copy is not null)
        {
            resource.Properties = copy;
        }
        return resource;
    }

    public override ODataNestedResourceInfo CreateComplexNestedResourceInfo(IEdmStructuralProperty complexProperty, Microsoft.OData.UriParser.PathSelectItem pathSelectItem,
        ResourceContext resourceContext)
    {
        ArgumentNullException.ThrowIfNull(complexProperty);
        ArgumentNullException.ThrowIfNull(resourceContext);
        return InLeadingNulls(complexProperty, resourceContext) ? null! : base.CreateComplexNestedResourceInfo(complexProperty, pathSelectItem, resourceContext);
    }

    // Whether CreateResource wrote this complex property already, as a null: it and every selected complex property
    // before it are single-valued and null.
    private bool InLeadingNulls(IEdmStructuralProperty complexProperty, ResourceContext resourceContext)
    {
        if (resourceContext.EdmObject is IDelta || !IsNullSingle(complexProperty, resourceContext))
        {
            return false;
        }
        foreach (var (property, _) in CreateSelectExpandNode(resourceContext)?.SelectedComplexProperties ?? new Dictionary<IEdmStructuralProperty, Microsoft.OData.UriParser.PathSelectItem>())
        {
            if (property == complexProperty)
            {
                return true;
            }
            if (!IsNullSingle(property, resourceContext))
            {
                return false;
            }
        }
        return false;
    }

    private static bool IsNullSingle(IEdmStructuralProperty property, ResourceContext resourceContext) =>
        !property.Type.IsCollection() && resourceContext.GetPropertyValue(property.Name) is null;

    // An action and a function of one qualified name: what OData.Core's lookup by name refuses.
    private static bool SharesItsName(IEdmModel model, IEdmOperation operation) =>
        model.FindDeclaredOperations(operation.FullName()).Any(o => o.IsAction() != operation.IsAction());
}
