namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The telemetry tests run alone, after every parallel test class. Every host creates its own <c>EcoAssets</c> meter,
/// and the OpenTelemetry SDK shares one metric stream between meters of the same name; when another test's host is
/// disposed, its meter's disposal ends that shared stream, and the telemetry host's later measurements are lost
/// (open-telemetry/opentelemetry-dotnet#6412). One host per process, as in production, never meets this.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry, alone";
}
