using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The built host running as an operator starts it (<c>dotnet EcoAssets.Api.dll</c>, Production, settings as environment
/// variables), listening on a free loopback port until disposed. What it wrote is kept for a failing assertion.
/// </summary>
public sealed class ServingHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServingHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where the host listens: plain HTTP on 127.0.0.1, as behind a proxy on the same machine.</summary>
    public Uri Address { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ServingHost> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = HostProcess.StartInfo(workingDirectory, new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') }, []);
        var host = new ServingHost(Process.Start(start)!, address);
        host._process.OutputDataReceived += (_, line) => host.Append(line.Data);
        host._process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host.WaitUntilLiveAsync();
        return host;
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} before it served:{Environment.NewLine}{Log}");
            }
            try
            {
                if ((await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The host did not answer /health/live within 2 minutes:{Environment.NewLine}{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
