using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Formatter.Deserialization;
using Microsoft.AspNetCore.OData.Formatter.Wrapper;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.OData;

/// <summary>
/// Refuses deep insert, deep update and <c>@odata.bind</c> in every body the OData formatter reads: POST, PATCH,
/// PUT, and the parts of a <c>$batch</c>. A nested entity would be saved by EF Core with the parent, around every rule
/// and door of its own set (a transaction without its ledger entry, a planted credit grade, an account outside the
/// caller's county). The designed parts of an entity (complex types such as an account's forest details) are not
/// navigation properties and are read as usual. Because it sits in the reader, no new entity set or controller can
/// forget it.
/// </summary>
public sealed class NestedWriteRefusal(IODataDeserializerProvider deserializerProvider) : ODataResourceDeserializer(deserializerProvider)
{
    private const string RefusedItem = "EcoAssets.NestedWriteRefused";

    public override void ApplyNestedProperty(object resource, ODataNestedResourceInfoWrapper resourceInfoWrapper,
        IEdmStructuredTypeReference structuredType, ODataDeserializerContext readContext)
    {
        ArgumentNullException.ThrowIfNull(resourceInfoWrapper);
        ArgumentNullException.ThrowIfNull(structuredType);
        var name = resourceInfoWrapper.NestedResourceInfo.Name;
        if (structuredType.FindProperty(name) is IEdmNavigationProperty navigation)
        {
            var message = $"The body nests the navigation property '{navigation.Name}'. Related entities are written through their own entity set, " +
                          "action or key property (for example HolderId), never inside another entity's body; send the key property instead.";
            // The formatter turns any exception into a model-state error; the filter below answers with this refusal.
            if (readContext?.Request is { } request)
            {
                request.HttpContext.Items[RefusedItem] = navigation.Name;
            }
            throw new ODataException(message);
        }
        base.ApplyNestedProperty(resource, resourceInfoWrapper, structuredType, readContext);
    }

    /// <summary>Answers a refused body with 400 NestedWriteRefused naming the property, before the action runs.</summary>
    public sealed class Filter : IActionFilter
    {
        public void OnActionExecuting(ActionExecutingContext context)
        {
            if (context.HttpContext.Items[RefusedItem] is string property)
            {
                context.Result = ApiErrors.Result(StatusCodes.Status400BadRequest, "NestedWriteRefused",
                    $"{property} is a navigation property: nested entities and @odata.bind references are not accepted in a request body. " +
                    "Write the related entity through its own entity set or action, and refer to it by its key property.",
                    property);
            }
        }

        public void OnActionExecuted(ActionExecutedContext context)
        {
        }
    }
}
