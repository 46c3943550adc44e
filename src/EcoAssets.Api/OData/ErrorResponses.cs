using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;

namespace EcoAssets.Api.OData;

/// <summary>
/// The OData error shape for what never reaches a controller: unknown routes, wrong methods, bad URLs, unreadable
/// bodies and — for our own bugs — the 500 that says nothing about internals.
/// </summary>
public static class ErrorResponses
{
    public static WebApplication UseODataErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusFor,
            ExceptionHandler = async context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var status = exception is null ? 500 : StatusFor(exception);
                context.Response.StatusCode = status;
                var (code, message) = status switch
                {
                    400 => ("BadRequest", exception!.Message),
                    409 => ("Conflict", "Another request changed the same data at the same time; read it again and retry."),
                    413 => ("PayloadTooLarge", RequestBodyLimit.Unwrap(exception)?.Message ?? "The request body is too large."),
                    _ => ("InternalError", $"The registry failed to answer; quote request id {context.TraceIdentifier} to the operators."),
                };
                await WriteAsync(context, status, code, message, status == StatusCodes.Status413PayloadTooLarge ? "body" : null);
            },
        });
        // After the handler, so that a chunked body cut off at the limit is answered by it as a 413.
        app.UseRequestBodyLimit();
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0 || response.ContentType is not null)
            {
                return;
            }
            var (code, message) = response.StatusCode switch
            {
                401 => ("Unauthorized", "Send a valid bearer token from /connect/token (OAuth 2.0 client credentials)."),
                403 => ("Forbidden", "This client's token does not carry the scope this operation needs."),
                404 => ("NotFound", $"No resource at {status.HttpContext.Request.Path}."),
                405 => ("MethodNotAllowed", $"{status.HttpContext.Request.Method} is not allowed on {status.HttpContext.Request.Path}."),
                415 => ("UnsupportedMediaType", "Send JSON (Content-Type: application/json)."),
                _ => ("Error", $"The request failed with status {response.StatusCode}."),
            };
            await WriteAsync(status.HttpContext, response.StatusCode, code, message, response.StatusCode is 401 or 403 ? "Authorization" : null);
        });
        return app;
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string message, string? target)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message, target } }));
    }

    // Exceptions that mean "bad input", not "bug": an unparsable URL or body (ODataException from the URI parser or
    // reader), a value the reader rejected, a body over the size limit (413, however deeply the reader wrapped it),
    // and a write that lost a race in the database.
    private static int StatusFor(Exception exception) => exception switch
    {
        _ when RequestBodyLimit.Unwrap(exception) is { } bad => bad.StatusCode,
        ODataException or FormatException or JsonException => StatusCodes.Status400BadRequest,
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };
}
