using EcoAssets.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.AspNetCore.OData.Batch;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Formatter.Deserialization;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace EcoAssets.Api.OData;

public static class ODataApi
{
    public const string RoutePrefix = "odata";

    /// <summary>Controllers, the EDM at <c>/odata</c>, query options, <c>$batch</c> and <c>$search</c>.</summary>
    public static WebApplicationBuilder AddODataApi(this WebApplicationBuilder builder)
    {
        var batchHandler = new TransactionalBatchHandler();
        // The limits that matter are counted in operations by the handler (BatchLimits); these bound the answer.
        batchHandler.MessageQuotas.MaxOperationsPerChangeset = BatchLimits.MaxOperationsPerChangeSet;
        batchHandler.MessageQuotas.MaxPartsPerBatch = BatchLimits.MaxOperations;
        batchHandler.MessageQuotas.MaxReceivedMessageSize = 4 * 1024 * 1024;
        builder.Services.ConfigureDbContext<EcoAssetsDbContext>(db => db.AddInterceptors(SqliteQueryTranslation.Instance));
        var model = EdmModel.Build();
        builder.Services.AddSingleton(new ODataUrlNormaliser(model));

        builder.Services.AddControllers(mvc =>
        {
            mvc.Conventions.Add(new ODataControllerConvention());
        })
        .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = context =>
        {
            // Non-OData controllers (client administration) answer bad bodies in the same error shape.
            var (field, entry) = context.ModelState.First(e => e.Value is { Errors.Count: > 0 });
            var error = entry!.Errors[0];
            return ApiErrors.Plain(StatusCodes.Status400BadRequest, "PayloadInvalid",
                string.IsNullOrEmpty(error.ErrorMessage) ? "The body is not valid." : error.ErrorMessage, field.TrimStart('$', '.'));
        })
        .AddOData(options =>
        {
            // Query options are allowed here; their limits come from RegistryQueryAttribute on each action.
            options.Select().Filter().OrderBy().Expand().Count().SetMaxTop(RegistryQueryAttribute.MaximumTop);
            // Timestamps are stored in UTC; read and write them as UTC, whatever the server's time zone.
            options.TimeZone = TimeZoneInfo.Utc;
            options.EnableNoDollarQueryOptions = false;
            options.AddRouteComponents(RoutePrefix, model, services =>
            {
                services.AddSingleton<ODataBatchHandler>(batchHandler);
                services.AddSingleton<ISearchBinder, NameSearchBinder>();
                services.AddSingleton<IFilterBinder, RegistryFilterBinder>();
                services.AddSingleton<ODataResourceDeserializer, NestedWriteRefusal>();
                services.AddSingleton<ODataResourceSerializer, OperationAdvertisements>();
                // The library's own settings, without the writer's checks of what it writes against the model: what
                // it writes comes from that model (no duplicate or undeclared names), and the checks cost a dictionary
                // per resource written.
                services.AddScoped(_ => new ODataMessageWriterSettings(ODataVersion.V4)
                {
                    EnableMessageStreamDisposal = false,
                    MessageQuotas = new ODataMessageQuotas { MaxReceivedMessageSize = long.MaxValue },
                    Validations = ValidationKinds.None,
                });
                // Enum literals may be written plainly ('Forest') as well as qualified (EcoAssets.AssetKind'Forest'),
                // and names of properties and operations are matched without regard to case.
                services.AddSingleton<ODataUriResolver>(new StringAsEnumResolver { EnableCaseInsensitive = true });
            });
        });
        return builder;
    }

    public static WebApplication UseODataApi(this WebApplication app)
    {
        // A $batch is answered by middleware, before endpoint authorization: refuse an anonymous one here (each
        // part is then authorized on its own, as the caller).
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments($"/{RoutePrefix}/$batch", StringComparison.OrdinalIgnoreCase)
                && context.User.Identity?.IsAuthenticated != true)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
                    "Send a bearer token from /connect/token.", "Authorization");
                return;
            }
            await next(context);
        });
        app.UseODataBatching();
        // After batching, so that each part of a $batch is rewritten as a request of its own would be.
        var normaliser = app.Services.GetRequiredService<ODataUrlNormaliser>();
        app.Use(async (context, next) =>
        {
            var (path, badParameter, message) = normaliser.Normalise(context.Request.Path.Value ?? "",
                alias => context.Request.Query.TryGetValue(alias, out var value) ? value.ToString() : null);
            if (badParameter is not null)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "ParameterInvalid", message!, badParameter);
                return;
            }
            if (path is not null)
            {
                context.Request.Path = new PathString(path);
            }
            await next(context);
        });
        return app;
    }

    /// <summary>
    /// OData controllers' single-entity answers carry their ETag header too, so a client can PATCH without parsing
    /// the body; <c>$metadata</c> and the service document are the published contract, readable without a token.
    /// </summary>
    private sealed class ODataControllerConvention : IControllerModelConvention
    {
        public void Apply(ControllerModel controller)
        {
            if (typeof(ODataController).IsAssignableFrom(controller.ControllerType))
            {
                controller.Filters.Add(new ETagActionFilterAttribute());
                controller.Filters.Add(new NestedWriteRefusal.Filter());
                controller.Filters.Add(new TextLengthFilter());
                controller.Filters.Add(new TypeFilterAttribute(typeof(Idempotency.IdempotentCreates)));
                // The OData reader leaves an action's unknown or mistyped parameter in ModelState and binds the rest:
                // refuse it by name rather than act on what was understood.
                foreach (var action in controller.Actions.Where(a => a.Parameters.Any(p => p.ParameterType == typeof(ODataActionParameters))))
                {
                    action.Filters.Add(new ActionParametersFilter());
                }
            }
            if (controller.ControllerType == typeof(MetadataController))
            {
                foreach (var selector in controller.Actions.SelectMany(a => a.Selectors))
                {
                    selector.EndpointMetadata.Add(new AllowAnonymousAttribute());
                }
            }
        }
    }

    private sealed class ActionParametersFilter : IActionFilter
    {
        public void OnActionExecuting(ActionExecutingContext context)
        {
            if (!context.ModelState.IsValid)
            {
                context.Result = ApiErrors.Invalid(context.ModelState);
            }
        }

        public void OnActionExecuted(ActionExecutedContext context)
        {
        }
    }
}
