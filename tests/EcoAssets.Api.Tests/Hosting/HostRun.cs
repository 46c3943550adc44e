namespace EcoAssets.Api.Tests.Hosting;

/// <summary>What a run of the real host process did: its exit code and everything it wrote.</summary>
public sealed record HostRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
