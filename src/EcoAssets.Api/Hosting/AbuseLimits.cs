using System.Globalization;
using System.Threading.RateLimiting;
using EcoAssets.Api.OData;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// What keeps one client from hurting the others: a request rate per client (429 with Retry-After), a cap on request
/// bodies (413), browser-facing security headers, and no CORS at all (no browser origin is trusted by default).
/// </summary>
public static class AbuseLimits
{
    public static WebApplicationBuilder AddAbuseLimits(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimiting:PermitsPerMinute", 1200);
        var maxBody = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", 4L * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBody;
            // No "Server: Kestrel": naming the stack only helps someone matching it against a list of known flaws.
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            // One window per client (by its token's subject), or per address for anonymous calls.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.User.FindFirst(OpenIddictConstants.Claims.Subject)?.Value ?? "ip:" + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.RequestServices.GetService<TelemetryRequestMetrics>()?.RateLimited("requests");
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "TooManyRequests",
                    $"More than {permits} requests a minute from this client; retry after the time in Retry-After.", null);
            };
        });
        builder.Services.Configure<BodyLimit>(limit => limit.MaxBytes = maxBody);
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        var maxBody = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BodyLimit>>().Value.MaxBytes;
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/scalar"))
            {
                // The API serves data, never pages: nothing may run or be framed. (The docs UI needs its scripts.)
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }
            // Refuse an oversized body up front with a clear error; Kestrel's own limit catches chunked ones.
            if (context.Request.ContentLength > maxBody)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge",
                    $"The request body is {context.Request.ContentLength} bytes; the limit is {maxBody}.", "body");
                return;
            }
            await next(context);
        });
        return app;
    }

    public sealed class BodyLimit
    {
        public long MaxBytes { get; set; }
    }
}
