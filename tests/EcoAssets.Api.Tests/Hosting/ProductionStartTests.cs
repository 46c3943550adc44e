using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>Production refuses development keys, demo clients and open secrets.</summary>
public sealed class ProductionStartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-prod-tests", Guid.NewGuid().ToString("N"));

    public ProductionStartTests() => Directory.CreateDirectory(_folder);

    private WebApplicationFactory<Program> Production(string database, bool withCertificates) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={database}");
            if (withCertificates)
            {
                web.UseSetting("Identity:SigningCertificate:Path", Certificate("signing", X509KeyUsageFlags.DigitalSignature));
                web.UseSetting("Identity:EncryptionCertificate:Path", Certificate("encryption", X509KeyUsageFlags.KeyEncipherment));
                web.UseSetting("Ledger:SigningKey:Path", LedgerKey());
            }
        });

    private string LedgerKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(_folder, "ledger-key.pem");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }

    private string Certificate(string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=EcoAssets {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }

    [Fact]
    public void Production_refuses_to_start_without_signing_and_encryption_certificates()
    {
        using var host = Production(Path.Combine(_folder, "a.db"), withCertificates: false);

        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Identity:", Flatten(refusal));
    }

    [Fact]
    public async Task Production_refuses_to_start_while_demo_clients_are_registered()
    {
        var database = Path.Combine(_folder, "b.db");
        // A development run leaves its demo clients in the database...
        await using (var development = new EcoAssetsApiFactoryOn(database))
        {
            _ = development.Server;
        }

        using var host = Production(database, withCertificates: true);
        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("demo client", Flatten(refusal));
    }

    [Fact]
    public async Task Production_starts_with_certificates_and_no_demo_clients()
    {
        using var host = Production(Path.Combine(_folder, "c.db"), withCertificates: true);

        var response = await host.CreateClient(new() { BaseAddress = new Uri("https://localhost") }).GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class EcoAssetsApiFactoryOn(string database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={database}");
            builder.UseSetting("Seed:Scale", "0");
        }
    }
}
