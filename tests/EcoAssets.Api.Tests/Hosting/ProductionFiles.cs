using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// What an operator makes before a production start, in a temporary folder: the two token certificates (PKCS#12),
/// the ledger key (PKCS#8 PEM), a database file, and the settings naming them.
/// </summary>
public sealed class ProductionFiles : IDisposable
{
    public const string Issuer = "https://registry.changzhi.example/";

    public ProductionFiles()
    {
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ecoassets-prod-tests", Guid.NewGuid().ToString("N"));

    public string Database(string name = "registry.db") => Path.Combine(Folder, name);

    /// <summary>Every setting a production start needs (configuration keys, as for <c>UseSetting</c>).</summary>
    public Dictionary<string, string> Settings(string database, bool migrate = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:EcoAssets"] = $"Data Source={database}",
            ["Identity:Issuer"] = Issuer,
            ["Identity:SigningCertificate:Path"] = Certificate("signing", X509KeyUsageFlags.DigitalSignature),
            ["Identity:EncryptionCertificate:Path"] = Certificate("encryption", X509KeyUsageFlags.KeyEncipherment),
            ["Ledger:SigningKey:Path"] = LedgerKey(),
            ["Seed:Scale"] = "0",
        };
        if (migrate)
        {
            settings["Database:MigrateOnStart"] = "true";
        }
        return settings;
    }

    public string LedgerKey()
    {
        var path = Path.Combine(Folder, "ledger-key.pem");
        if (!File.Exists(path))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        }
        return path;
    }

    public string Certificate(string name, X509KeyUsageFlags usage)
    {
        var path = Path.Combine(Folder, name + ".pfx");
        if (File.Exists(path))
        {
            return path;
        }
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=EcoAssets {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
