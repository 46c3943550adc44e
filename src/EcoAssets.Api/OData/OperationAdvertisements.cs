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

    // An action and a function of one qualified name: what OData.Core's lookup by name refuses.
    private static bool SharesItsName(IEdmModel model, IEdmOperation operation) =>
        model.FindDeclaredOperations(operation.FullName()).Any(o => o.IsAction() != operation.IsAction());
}
