using System.Security.Cryptography;
using EcoAssets.Api.Audit;
using EcoAssets.Api.Bank;
using EcoAssets.Api.OData;
using EcoAssets.Data.Idempotency;
using EcoAssets.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EcoAssets.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on every POST of the OData service (creates and create-actions), in one place: the key is
/// claimed per client before the action runs (a unique index, so a concurrent duplicate cannot run twice), the
/// first successful answer is stored, and a retry with the same key and the same request gets that answer again,
/// byte for byte, without running anything or writing anything. The same key with another request is a 422. A
/// refused request wrote nothing, so its key is released and a corrected retry runs. Runs after authorization:
/// a client without the scope never claims a key. The two-mountains bank's account actions keep their own
/// idempotency, recorded in the ledger transaction itself, and are skipped here.
/// </summary>
public sealed class IdempotentCreates(IdempotencyStore store, TimeProvider clock) : IAsyncResourceFilter
{
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// Longer than any request runs. A claim this old with no answer was left by a host that stopped between saving
    /// and storing the answer, so nobody knows any more whether the first request was recorded.
    /// </summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        var clientId = AuditTrail.ClientOf(http.User);
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0 || clientId is null
            || context.ActionDescriptor is ControllerActionDescriptor { ControllerTypeInfo: var type } && type.AsType() == typeof(TwoMountainsBankController))
        {
            await next();
            return;
        }
        if (key.Length > IdempotentRequestConfiguration.MaxKeyLength)
        {
            context.Result = ApiErrors.Invalid(new RuleViolation(Header,
                $"{Header} is at most {IdempotentRequestConfiguration.MaxKeyLength} characters.", "IdempotencyKeyTooLong"));
            return;
        }
        var cancellationToken = http.RequestAborted;
        var hash = await HashAsync(http.Request, cancellationToken);
        if (await store.ClaimAsync(clientId, key, hash, cancellationToken) is { } earlier)
        {
            context.Result = earlier.StatusCode is null && clock.GetUtcNow().UtcDateTime - earlier.ClaimedAt > Abandoned
                ? ApiErrors.Result(StatusCodes.Status409Conflict, "IdempotencyKeyAbandoned",
                    $"The first request with {Header} '{key}' stopped before it was answered (the server restarted), so whether it was recorded is unknown; look it up, then use a new key.", Header)
                : earlier.RequestHash != hash
                    ? ApiErrors.Result(StatusCodes.Status422UnprocessableEntity, "IdempotencyKeyReused",
                        $"{Header} '{key}' was used for another request; use a new key for a new request.", Header)
                    : earlier.StatusCode is null
                        ? ApiErrors.Result(StatusCodes.Status409Conflict, "IdempotencyKeyInUse",
                            $"The first request with {Header} '{key}' is still running; retry in a moment to get its answer.", Header)
                        : new Replay(earlier);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        ResourceExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch
        {
            http.Response.Body = original;
            await store.ReleaseAsync(clientId, key, CancellationToken.None);
            throw;
        }
        http.Response.Body = original;
        var response = http.Response;
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            var body = buffer.ToArray();
            if (response.StatusCode is >= 200 and < 300)
            {
                await store.CompleteAsync(clientId, key, response.StatusCode, response.ContentType, response.Headers.Location.ToString(),
                    response.Headers.ETag.ToString(), body, CancellationToken.None);
            }
            else
            {
                await store.ReleaseAsync(clientId, key, CancellationToken.None);
            }
            await original.WriteAsync(body, cancellationToken);
        }
        else
        {
            await store.ReleaseAsync(clientId, key, CancellationToken.None);
        }
    }

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;
        var line = System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. line, .. body.ToArray()]));
    }

    /// <summary>The stored first answer, written again exactly as it was.</summary>
    private sealed class Replay(IdempotentRequest stored) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = stored.StatusCode!.Value;
            response.ContentType = stored.ContentType;
            if (!string.IsNullOrEmpty(stored.Location))
            {
                response.Headers.Location = stored.Location;
            }
            if (!string.IsNullOrEmpty(stored.ETag))
            {
                response.Headers.ETag = stored.ETag;
            }
            response.Headers["OData-Version"] = "4.0";
            response.Headers["Idempotent-Replayed"] = "true";
            response.ContentLength = stored.Body?.Length ?? 0;
            await response.Body.WriteAsync(stored.Body ?? [], context.HttpContext.RequestAborted);
        }
    }
}
