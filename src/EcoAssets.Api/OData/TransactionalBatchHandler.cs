using EcoAssets.Data;
using Microsoft.AspNetCore.OData.Batch;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.OData;

/// <summary>
/// <c>$batch</c> with atomic change sets. ASP.NET Core OData runs a change set's requests one after the other and
/// stops at the first failure, but commits whatever ran before it. The sub-requests share the batch request's
/// service scope, hence one <see cref="EcoAssetsDbContext"/>; we open a database transaction around each change set
/// and commit only if every request in it succeeded.
/// </summary>
public sealed class TransactionalBatchHandler : DefaultODataBatchHandler
{
    public override async Task<IList<ODataBatchResponseItem>> ExecuteRequestMessagesAsync(
        IEnumerable<ODataBatchRequestItem> requests, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var responses = new List<ODataBatchResponseItem>();
        foreach (var request in requests)
        {
            var response = request is ChangeSetRequestItem changeSet
                ? await SendAtomicallyAsync(changeSet, handler)
                : await request.SendRequestAsync(handler);
            responses.Add(response);
            // Continue-on-error is not enabled for this service, so a failed part ends the batch, as OData's default.
            if (!Succeeded(response))
            {
                break;
            }
        }
        return responses;
    }

    private static async Task<ODataBatchResponseItem> SendAtomicallyAsync(ChangeSetRequestItem changeSet, RequestDelegate handler)
    {
        var first = changeSet.Contexts.FirstOrDefault();
        if (first is null)
        {
            return await changeSet.SendRequestAsync(handler);
        }
        var db = first.RequestServices.GetRequiredService<EcoAssetsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(first.RequestAborted);
        var response = await changeSet.SendRequestAsync(handler);
        if (Succeeded(response))
        {
            await transaction.CommitAsync(first.RequestAborted);
        }
        else
        {
            await transaction.RollbackAsync(CancellationToken.None);
            // Entities saved by the rolled-back requests are still tracked as saved; forget them.
            db.ChangeTracker.Clear();
        }
        return response;
    }

    private static bool Succeeded(ODataBatchResponseItem response) => response switch
    {
        ChangeSetResponseItem changeSet => changeSet.Contexts.All(c => c.Response.StatusCode is >= 200 and < 300),
        OperationResponseItem operation => operation.Context.Response.StatusCode is >= 200 and < 300,
        _ => false,
    };
}
