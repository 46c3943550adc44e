using System.Security.Cryptography;

namespace EcoAssets.LedgerVerifier;

/// <summary>
/// The ledger keys a verification trusts, by key id (SHA-256 of the key's SubjectPublicKeyInfo, lower-case hex). Either
/// the auditor's own (pinned with <c>--key</c>: an export or proof signed by any other key is refused) or, without a
/// pin, the keys the export or checkpoint carries, which prove only that the registry signed what it sent.
/// </summary>
public sealed class TrustedKeys : IDisposable
{
    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);

    private TrustedKeys(bool pinned) => Pinned = pinned;

    /// <summary>Whether these are the auditor's pinned keys rather than the ones the registry sent along.</summary>
    public bool Pinned { get; }

    public IEnumerable<string> KeyIds => _keys.Keys;

    /// <summary>The auditor's keys: PEM public keys (SubjectPublicKeyInfo) or private keys, whose public halves are used.</summary>
    public static TrustedKeys Pin(IEnumerable<string> pems)
    {
        var trusted = new TrustedKeys(pinned: true);
        foreach (var pem in pems)
        {
            trusted.Add(pem);
        }
        return trusted;
    }

    /// <summary>The keys the registry sent (an export's header, a checkpoint's PublicKey); empty to trust only a pin.</summary>
    public static TrustedKeys Carried() => new(pinned: false);

    /// <summary>Adds a key; its id.</summary>
    public string Add(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException("A ledger key is an ECDSA P-256 key.");
        }
        var id = IdOf(key);
        if (!_keys.TryAdd(id, key))
        {
            key.Dispose();
        }
        return id;
    }

    public bool Knows(string keyId) => _keys.ContainsKey(keyId);

    /// <summary>Whether <paramref name="signature"/> (base64, IEEE P1363 r‖s) over <paramref name="message"/> is the named key's.</summary>
    public bool Verifies(string keyId, byte[] message, string signature)
    {
        if (!_keys.TryGetValue(keyId, out var key))
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

    public static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
