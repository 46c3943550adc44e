namespace EcoAssets.Api.Hosting;

/// <summary>
/// Where the host reads its <c>appsettings.json</c> and puts its default <c>App_Data</c>. ASP.NET Core takes the
/// current directory, so <c>dotnet /opt/ecoassets/EcoAssets.Api.dll</c> started from anywhere else ran without its
/// settings file: no log levels (every request logged at Information, its SQL included), no defaults. When the
/// current directory has no settings file and the host's own folder has one, the host's folder is the content root.
/// An explicit <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c> always wins, and
/// <c>dotnet run</c> (which starts in the project folder) and a service with its working directory set are unchanged.
/// </summary>
public static class ContentRoot
{
    private const string SettingsFile = "appsettings.json";

    public static WebApplicationOptions Options(string[] args) => new() { Args = args, ContentRootPath = Chosen(args) };

    private static string? Chosen(string[] args)
    {
        var named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
        if (named || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), SettingsFile)))
        {
            return null;
        }
        var own = AppContext.BaseDirectory;
        return File.Exists(Path.Combine(own, SettingsFile)) ? own : null;
    }
}
