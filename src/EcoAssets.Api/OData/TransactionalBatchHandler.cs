using EcoAssets.Api.Audit;
using EcoAssets.Data;
using EcoAssets.Domain.Audit;
using Microsoft.AspNetCore.OData.Batch;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;

namespace EcoAssets.Api.OData;

/// <summary>
/// <c>$batch</c> through the same door as single requests. Up front, before any part runs, the batch is refused as a
/// whole (an OData error naming the part or limit) when it holds more operations than <see cref="BatchLimits"/>
/// allow, a part that is not a URL of this service, a write whose body is <c>null</c>, or a ledger action inside a
/// change set (<see cref="LedgerActions"/>). Then every part runs through routing, authorization and its controller as
/// it would alone, is audited as itself (<see cref="AuditedRequest"/>; refused parts too, as the outermost
/// <see cref="RefusedWrites"/> does for requests) and starts from an empty change tracker. A change set runs in one
/// database transaction, committed only if every part succeeded; a failed change set is answered, as OData says, by a
/// single response in its place: the failing part's.
/// </summary>
public sealed class TransactionalBatchHandler : DefaultODataBatchHandler
{
    private LedgerActions? _ledgerActions;

    public override async Task ProcessBatchAsync(HttpContext context, RequestDelegate nextHandler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(nextHandler);
        if (!await ValidateRequest(context.Request))
        {
            return;
        }
        IList<ODataBatchRequestItem> requests;
        try
        {
            requests = await ParseBatchRequestsAsync(context);
            Check(requests, _ledgerActions ??= LedgerActions.Find(context.RequestServices.GetRequiredService<EndpointDataSource>()));
        }
        catch (BatchRefusal refusal)
        {
            await refusal.WriteAsync(context);
            return;
        }
        var responses = await ExecuteRequestMessagesAsync(requests, nextHandler);
        await CreateResponseMessageAsync(responses, context.Request);
    }

    /// <summary>
    /// The library's checks of the batch request itself (a body, a batch media type, a boundary for multipart), with
    /// its refusals as OData errors naming the header: the library answers them in plain text.
    /// </summary>
    public override async Task<bool> ValidateRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.GetTypedHeaders().ContentType;
        var mediaType = contentType?.MediaType.ToString();
        var multipart = string.Equals(mediaType, "multipart/mixed", StringComparison.OrdinalIgnoreCase);
        var refusal = contentType is null
            ? new BatchRefusal(StatusCodes.Status400BadRequest, "BatchInvalid", "A $batch needs a Content-Type: multipart/mixed with a boundary, or application/json.", "Content-Type")
            : !multipart && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                ? new BatchRefusal(StatusCodes.Status400BadRequest, "BatchInvalid", $"A $batch is multipart/mixed (with a boundary) or application/json, not {mediaType}.", "Content-Type")
                : multipart && string.IsNullOrEmpty(contentType.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value.ToString())
                    ? new BatchRefusal(StatusCodes.Status400BadRequest, "BatchInvalid", "A multipart/mixed $batch needs a boundary parameter in its Content-Type.", "Content-Type")
                    : null;
        if (refusal is null)
        {
            return await base.ValidateRequest(request);
        }
        await refusal.WriteAsync(request.HttpContext);
        return false;
    }

    /// <summary>
    /// The library's reading, part by part, so that a part it cannot take (another host, a <c>file:</c> URL, a path
    /// outside <c>/odata</c>) is named in a 400, and a batch over the limits is refused before it is all read.
    /// </summary>
    public override async Task<IList<ODataBatchRequestItem>> ParseBatchRequestsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var routeServices = request.CreateRouteServices(PrefixName);
        var settings = routeServices.GetRequiredService<ODataMessageReaderSettings>();
        settings.BaseUri = GetBaseUri(request);
        // One over our own limits, so that the count below answers first, in operations and with its own error.
        settings.MessageQuotas.MaxPartsPerBatch = BatchLimits.MaxOperations + 1;
        settings.MessageQuotas.MaxOperationsPerChangeset = BatchLimits.MaxOperationsPerChangeSet + 1;
        using var reader = request.GetODataMessageReader(routeServices);
        var cancellationToken = context.RequestAborted;
        var requests = new List<ODataBatchRequestItem>();
        var batchId = Guid.NewGuid();
        var contentIdToLocation = new Dictionary<string, string>();
        var operations = 0;
        ODataBatchReader batchReader;
        try
        {
            batchReader = await reader.CreateODataBatchReaderAsync();
        }
        catch (ODataException problem)
        {
            throw new BatchRefusal(StatusCodes.Status400BadRequest, "BatchInvalid", $"The batch cannot be read: {problem.Message}", "$batch");
        }
        while (await ReadAsync(batchReader, operations + 1))
        {
            if (batchReader.State == ODataBatchReaderState.ChangesetStart)
            {
                var changeSetId = Guid.NewGuid();
                var contexts = new List<HttpContext>();
                while (await ReadAsync(batchReader, operations + 1) && batchReader.State != ODataBatchReaderState.ChangesetEnd)
                {
                    if (batchReader.State == ODataBatchReaderState.Operation)
                    {
                        CountOne(ref operations);
                        if (contexts.Count == BatchLimits.MaxOperationsPerChangeSet)
                        {
                            throw new BatchRefusal(StatusCodes.Status413PayloadTooLarge, "ChangeSetTooLarge",
                                $"A change set holds at most {BatchLimits.MaxOperationsPerChangeSet} operations (one database transaction, which keeps other clients' writes waiting); split it.",
                                "MaxOperationsPerChangeSet");
                        }
                        var operation = await ReadPartAsync(() => batchReader.ReadChangeSetOperationRequestAsync(context, batchId, changeSetId, cancellationToken), operations);
                        // The part gets its own route services when it runs, as in the library.
                        operation.Request.ClearRouteServices();
                        contexts.Add(operation);
                    }
                }
                requests.Add(new ChangeSetRequestItem(contexts) { ContentIdToLocationMapping = contentIdToLocation });
            }
            else if (batchReader.State == ODataBatchReaderState.Operation)
            {
                CountOne(ref operations);
                var operation = await ReadPartAsync(() => batchReader.ReadOperationRequestAsync(context, batchId, cancellationToken), operations);
                operation.Request.ClearRouteServices();
                requests.Add(new OperationRequestItem(operation) { ContentIdToLocationMapping = contentIdToLocation });
            }
        }
        return requests;
    }

    public override async Task<IList<ODataBatchResponseItem>> ExecuteRequestMessagesAsync(
        IEnumerable<ODataBatchRequestItem> requests, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(requests);
        // A part's exception is answered and logged as a request's would be, not swallowed by the library into a bare 500.
        RequestDelegate part = context => ErrorResponses.AnsweringExceptionsAsync(context, c => AuditedRequest.RunAsPartAsync(c, handler));
        var responses = new List<ODataBatchResponseItem>();
        foreach (var request in requests)
        {
            var (response, succeeded) = request is ChangeSetRequestItem changeSet
                ? await SendAtomicallyAsync(changeSet, part)
                : await SendAloneAsync((OperationRequestItem)request, part);
            responses.Add(response);
            if (request is ChangeSetRequestItem)
            {
                await Task.Delay(BatchLimits.PauseAfterChangeSet);
            }
            // Continue-on-error is not offered by this service, so a failed part ends the batch, as OData's default.
            if (!succeeded)
            {
                break;
            }
        }
        return responses;
    }

    private static async Task<(ODataBatchResponseItem, bool)> SendAloneAsync(OperationRequestItem operation, RequestDelegate part)
    {
        var response = await operation.SendRequestAsync(part);
        var context = operation.Context;
        // A part starts from an empty change tracker, as a request alone starts from a fresh context.
        context.RequestServices.GetRequiredService<EcoAssetsDbContext>().ChangeTracker.Clear();
        await AuditRefusedAsync(context, [(context, context.Response.StatusCode)]);
        return (response, Succeeded(context));
    }

    private static async Task<(ODataBatchResponseItem, bool)> SendAtomicallyAsync(ChangeSetRequestItem changeSet, RequestDelegate part)
    {
        var contexts = changeSet.Contexts.ToList();
        if (contexts.Count == 0)
        {
            return (await changeSet.SendRequestAsync(part), true);
        }
        var first = contexts[0];
        var db = first.RequestServices.GetRequiredService<EcoAssetsDbContext>();
        HttpContext? failed;
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            // Parts run one by one, each on an empty change tracker; the library stops at the first that fails.
            await changeSet.SendRequestAsync(context => ClearingAsync(db, context, part));
            failed = contexts.FirstOrDefault(c => Ran(c) && !Succeeded(c));
            if (failed is null)
            {
                try
                {
                    await transaction.CommitAsync(CancellationToken.None);
                }
                catch (Exception problem) when (problem is InvalidOperationException or System.Data.Common.DbException)
                {
                    failed = contexts[^1];
                    failed.Response.Clear();
                    await ErrorResponses.WriteAsync(failed, StatusCodes.Status409Conflict, "ChangeSetNotCommitted",
                        $"The change set could not be committed ({problem.Message}); nothing of it was recorded. Send it again.", "$batch");
                }
            }
            if (failed is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
        db.ChangeTracker.Clear();
        if (failed is null)
        {
            return (new ChangeSetResponseItem(contexts), true);
        }
        // Every part of a failed change set was refused: the failing one with its own answer, the others (rolled back,
        // or never run) as failed dependencies, 424.
        await AuditRefusedAsync(first, [.. contexts.Select(c => (c, c == failed ? c.Response.StatusCode : StatusCodes.Status424FailedDependency))]);
        return (new OperationResponseItem(failed), false);
    }

    private static async Task ClearingAsync(EcoAssetsDbContext db, HttpContext context, RequestDelegate part)
    {
        db.ChangeTracker.Clear();
        context.Items[RanKey] = true;
        await part(context);
    }

    private static readonly object RanKey = new();

    private static bool Ran(HttpContext context) => context.Items.ContainsKey(RanKey);

    private static bool Succeeded(HttpContext context) => context.Response.StatusCode is >= 200 and < 300;

    private static async Task AuditRefusedAsync(HttpContext any, IEnumerable<(HttpContext Part, int Status)> parts)
    {
        var services = any.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var metrics = services.GetRequiredService<AuditMetrics>();
        var rows = new List<AuditEvent>();
        foreach (var (context, status) in parts)
        {
            if (RefusedWrites.Describe(context, status, now, metrics) is { } row)
            {
                rows.Add(row);
            }
        }
        await RefusedWrites.SaveAsync(services.GetRequiredService<IServiceScopeFactory>(), rows);
    }

    /// <summary>The checks on the whole batch, made before anything runs.</summary>
    private static void Check(IList<ODataBatchRequestItem> requests, LedgerActions ledgerActions)
    {
        var ordinal = 0;
        foreach (var request in requests)
        {
            var inChangeSet = request is ChangeSetRequestItem;
            var contexts = request is ChangeSetRequestItem changeSet ? changeSet.Contexts : [((OperationRequestItem)request).Context];
            foreach (var context in contexts)
            {
                ordinal++;
                if (inChangeSet && ledgerActions.Addresses(context.Request.Path))
                {
                    throw new BatchRefusal(StatusCodes.Status400BadRequest, "LedgerActionInChangeSet",
                        $"{PartName(context, ordinal)} ({context.Request.Method} {context.Request.Path}) is a ledger action: it takes its own turn at the ledger and cannot join a change set's transaction. Send it as a plain batch operation, outside the change set.",
                        PartTarget(context, ordinal));
                }
                if (IsNullBody(context))
                {
                    throw new BatchRefusal(StatusCodes.Status400BadRequest, "BodyNull",
                        $"{PartName(context, ordinal)} ({context.Request.Method} {context.Request.Path}) has the body null; send a JSON object.",
                        PartTarget(context, ordinal));
                }
            }
        }
    }

    private static bool IsNullBody(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPatch(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method)
            || context.Request.Body is not MemoryStream body || body.Length > 64)
        {
            return false;
        }
        var text = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length).Trim().TrimStart('\uFEFF');
        return text == "null";
    }

    private static void CountOne(ref int operations)
    {
        operations++;
        if (operations > BatchLimits.MaxOperations)
        {
            throw new BatchRefusal(StatusCodes.Status413PayloadTooLarge, "TooManyOperations",
                $"A batch holds at most {BatchLimits.MaxOperations} operations, counting each one inside a change set; split it.", "MaxOperations");
        }
    }

    private static async Task<bool> ReadAsync(ODataBatchReader reader, int ordinal)
    {
        try
        {
            return await reader.ReadAsync();
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            throw new BatchRefusal(StatusCodes.Status400BadRequest, "BatchInvalid", $"Part {ordinal} of the batch cannot be read: {problem.Message}", $"part {ordinal}");
        }
    }

    private static async Task<HttpContext> ReadPartAsync(Func<Task<HttpContext>> read, int ordinal)
    {
        try
        {
            return await read();
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            // The library refuses a URL of another scheme, host or port, or a path outside the service root.
            throw new BatchRefusal(StatusCodes.Status400BadRequest, "BatchPartUrl",
                $"Part {ordinal} of the batch is not a request to this service: only relative URLs and absolute URLs under this service's /{ODataApi.RoutePrefix}/ are accepted ({problem.Message}).",
                $"part {ordinal}");
        }
    }

    private static string PartName(HttpContext context, int ordinal) =>
        context.Request.GetODataContentId() is { Length: > 0 } id ? $"Part {ordinal} (id {id})" : $"Part {ordinal}";

    private static string PartTarget(HttpContext context, int ordinal) =>
        context.Request.GetODataContentId() is { Length: > 0 } id ? id : $"part {ordinal}";
}
