using System.Security.Cryptography;
using EcoAssets.Domain.Ledger;

namespace EcoAssets.Api.Ledger;

/// <summary>
/// The registry's ledger keys (ECDSA P-256). The current key signs checkpoints: <c>Ledger:SigningKey:Path</c> names its
/// PKCS#8 PEM file. In Development a missing file is created (by default <c>App_Data/ledger-signing-key.pem</c>), so that
/// checkpoints stay verifiable across restarts; elsewhere the host refuses to start without it.
/// <para>
/// Keys are rotated by pointing <c>Ledger:SigningKey:Path</c> at a new key and listing the public halves of the keys
/// before it under <c>Ledger:SigningKey:Retired</c> (PEM files, SubjectPublicKeyInfo): a retired key signs nothing more,
/// but the checkpoints it signed still verify, since each checkpoint names its key by id (SHA-256 of the key's SPKI).
/// </para>
/// </summary>
public sealed class LedgerKey : IDisposable
{
    private readonly ECDsa _key;
    private readonly Dictionary<string, ECDsa> _verifiers = new(StringComparer.Ordinal);

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
        _key = Load(path, "Ledger:SigningKey:Path");
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        KeyId = IdOf(_key);
        var keys = new List<PublicLedgerKey> { new(KeyId, PublicKeyPem, Current: true) };
        _verifiers[KeyId] = _key;
        foreach (var retired in configuration.GetSection("Ledger:SigningKey:Retired").GetChildren().Select(c => c.Value).OfType<string>())
        {
            var verifier = Load(retired, "Ledger:SigningKey:Retired");
            var id = IdOf(verifier);
            if (_verifiers.TryAdd(id, verifier))
            {
                keys.Add(new(id, verifier.ExportSubjectPublicKeyInfoPem(), Current: false));
            }
            else
            {
                verifier.Dispose();
            }
        }
        Keys = keys;
    }

    public const string Algorithm = "ECDSA-P256-SHA256";

    /// <summary>
    /// What is wrong with the key settings, before the host is built (key, what to set): the constructor would throw
    /// on the first of them. In Development a missing current key is made, so only the retired ones can be wrong there.
    /// </summary>
    public static IEnumerable<(string Key, string WhatToSet)> SettingProblems(IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration["Ledger:SigningKey:Path"];
        var files = new List<(string Key, string Path)>();
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(path))
        {
            yield return ("Ledger:SigningKey:Path",
                "is not set: set the path of the ledger's ECDSA P-256 private key (PKCS#8 PEM); checkpoints cannot be signed without it.");
        }
        else if (!string.IsNullOrWhiteSpace(path) && (!environment.IsDevelopment() || File.Exists(path)))
        {
            files.Add(("Ledger:SigningKey:Path", path));
        }
        files.AddRange(configuration.GetSection("Ledger:SigningKey:Retired").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value)).Select(c => ("Ledger:SigningKey:Retired", c.Value!)));
        foreach (var (key, file) in files)
        {
            string? problem;
            try
            {
                Load(file, key).Dispose();
                problem = null;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
            {
                problem = e.Message;
            }
            if (problem is not null)
            {
                yield return (key, $"{problem} Set the path of an ECDSA P-256 key in PEM.");
            }
        }
    }

    /// <summary>The current key's public half (PEM).</summary>
    public string PublicKeyPem { get; }

    /// <summary>The current key's id: SHA-256 of its SubjectPublicKeyInfo (DER), lower-case hex.</summary>
    public string KeyId { get; }

    /// <summary>Every key this registry has signed with that it still knows: the current one first, then the retired ones.</summary>
    public IReadOnlyList<PublicLedgerKey> Keys { get; }

    /// <summary>The public half (PEM) of the key with that id, or null if this registry does not know it.</summary>
    public string? PublicKeyOf(string keyId) => Keys.FirstOrDefault(k => k.KeyId == keyId)?.PublicKey;

    public string Sign(byte[] message) => Convert.ToBase64String(_key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>Whether <paramref name="signature"/> over <paramref name="message"/> is one of the key named <paramref name="keyId"/>.</summary>
    public bool Verify(string keyId, byte[] message, string signature)
    {
        if (!_verifiers.TryGetValue(keyId, out var key))
        {
            return false;
        }
        try
        {
            return key.VerifyData(message, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var key in _verifiers.Values)
        {
            key.Dispose();
        }
    }

    private static ECDsa Load(string path, string setting)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting}: the key file {path} does not exist.");
        }
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"{setting}: {path} must hold an ECDSA P-256 key.");
        }
        return key;
    }

    private static string IdOf(ECDsa key) => LedgerHashing.Hex(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
}
