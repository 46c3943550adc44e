using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EcoAssets.Api.OData.OpenApi;

/// <summary>
/// The scopes of the operations ASP.NET Core describes itself (client administration, the ledger export and
/// checkpoint feed, the credit-event import), from the same endpoint metadata the OData operations are read from.
/// </summary>
public sealed class ScopeOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var needs = ScopeSecurity.Apply(operation, context.Description.ActionDescriptor.EndpointMetadata.ToList(), context.Document!);
        operation.Description = string.IsNullOrEmpty(operation.Description) ? needs : $"{operation.Description}\n\n{needs}";
        return Task.CompletedTask;
    }
}
