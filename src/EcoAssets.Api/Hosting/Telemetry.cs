using EcoAssets.Data.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// Traces, metrics and logs. The registry's own instruments (meter <c>EcoAssets</c>: <see cref="RegistryMetrics"/>,
/// <see cref="TelemetryRequestMetrics"/>, <see cref="Audit.AuditMetrics"/>) and spans (ActivitySource <c>EcoAssets</c>:
/// <see cref="RegistryActivities"/>) are always there, for any listener. The OpenTelemetry SDK — ASP.NET Core, HTTP
/// client, EF Core and runtime instrumentation, and our meter and source — is started only when something will read it:
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (then traces and metrics are exported by OTLP, configured by the SDK's
/// standard <c>OTEL_*</c> variables), or when <c>Telemetry:Enabled</c> is true. Without it, nothing listens, so a
/// request pays for no span, no tag and no measurement: the throughput measured against SAP CAP stays what it was.
/// <c>Telemetry:Enabled=false</c> (or <c>OTEL_SDK_DISABLED=true</c>) turns the SDK off even with an endpoint set.
/// </summary>
public static class Telemetry
{
    /// <summary>The service name in every span and metric unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "ecoassets";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<RegistryMetrics>();
        builder.Services.TryAddSingleton<TelemetryRequestMetrics>();
        builder.Services.AddTransient<IStartupFilter, TelemetryRequestCounting>();
        builder.AddRegistryLogging();

        var configuration = builder.Configuration;
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var exported = !string.IsNullOrWhiteSpace(endpoint);
        var enabled = configuration.GetValue<bool?>("Telemetry:Enabled") ?? exported;
        if (!enabled || configuration.GetValue("OTEL_SDK_DISABLED", false))
        {
            return builder;
        }
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : DefaultServiceName;
        var version = typeof(Telemetry).Assembly.GetName().Version?.ToString();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version))
            .WithTracing(tracing =>
            {
                tracing.AddSource(RegistryActivities.SourceName)
                    // Probes every few seconds would drown the traces that matter; their answers are in the metrics.
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation();
                if (exported)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RegistryMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (exported)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }
}
