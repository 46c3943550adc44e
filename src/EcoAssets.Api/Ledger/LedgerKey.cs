using System.Security.Cryptography;
using EcoAssets.Domain.Ledger;

namespace EcoAssets.Api.Ledger;

/// <summary>
/// The registry's ledger key (ECDSA P-256): it signs checkpoints; its public key is published with every checkpoint
/// and export. <c>Ledger:SigningKey:Path</c> names a PKCS#8 PEM file. In Development a missing file is created (by
/// default <c>App_Data/ledger-signing-key.pem</c>), so that checkpoints stay verifiable across restarts; elsewhere
/// the host refuses to start without it.
/// </summary>
public sealed class LedgerKey : IDisposable
{
    private readonly ECDsa _key;

    public LedgerKey(IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration["Ledger:SigningKey:Path"];
        if (environment.IsDevelopment())
        {
            path ??= Path.Combine(environment.ContentRootPath, "App_Data", "ledger-signing-key.pem");
            if (!File.Exists(path))
            {
                using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, fresh.ExportPkcs8PrivateKeyPem());
            }
        }
        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException(
                "Ledger:SigningKey:Path must name the ledger's ECDSA P-256 private key (PKCS#8 PEM) outside Development; checkpoints cannot be signed without it.");
        }
        _key = ECDsa.Create();
        _key.ImportFromPem(File.ReadAllText(path));
        if (_key.KeySize != 256)
        {
            throw new InvalidOperationException("Ledger:SigningKey:Path must hold an ECDSA P-256 key.");
        }
        var spki = _key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        KeyId = LedgerHashing.Hex(SHA256.HashData(spki));
    }

    public const string Algorithm = "ECDSA-P256-SHA256";

    public string PublicKeyPem { get; }

    public string KeyId { get; }

    public string Sign(byte[] message) => Convert.ToBase64String(_key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public bool Verify(byte[] message, string signature)
    {
        try
        {
            return _key.VerifyData(message, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}
