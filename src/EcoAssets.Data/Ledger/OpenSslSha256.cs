using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using EcoAssets.Domain.Ledger;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// SHA-256 through OpenSSL's SHA256_Init/Update/Final on a context on the stack: the library .NET itself hashes with
/// on Linux, without the per-call set-up of its EVP interface (fetching the algorithm, allocating a context, clearing
/// the error queue) that .NET's one-shot goes through. On a 72-byte input that is 0.13 µs instead of 0.9 µs; Verify()
/// hashes four such inputs per entry. It is checked against .NET's own SHA-256 when loaded; where there is no such
/// library (Windows, macOS) or it disagrees, <see cref="TryLoad"/> gives null and .NET's is used.
/// </summary>
internal sealed unsafe class OpenSslSha256 : Sha256
{
    // sizeof(SHA256_CTX) is 112 (8 state words, two length words, 16 block words, num, md_len); room to spare.
    private const int ContextSize = 256;

    // Longer inputs go to .NET's: the calls below skip the GC transition, which is only right for short calls.
    private const int MaxInput = 4096;

    private readonly delegate* unmanaged[SuppressGCTransition]<byte*, int> _init;
    private readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> _update;
    private readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> _final;

    private OpenSslSha256(nint init, nint update, nint final)
    {
        _init = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init;
        _update = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update;
        _final = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final;
    }

    public static Sha256? TryLoad()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so.1.1" })
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                var candidate = new OpenSslSha256(init, update, final);
                if (candidate.AgreesWithPlatform())
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public override void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (data.Length > MaxInput || destination.Length < Size)
        {
            Platform.Hash(data, destination);
            return;
        }
        var context = stackalloc byte[ContextSize];
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            if (_init(context) != 1 || _update(context, input, (nuint)data.Length) != 1 || _final(output, context) != 1)
            {
                throw new CryptographicException("OpenSSL's SHA-256 failed.");
            }
        }
    }

    /// <summary>FIPS 180-2's "abc" and inputs around every block boundary, against .NET's SHA-256.</summary>
    private bool AgreesWithPlatform()
    {
        Span<byte> ours = stackalloc byte[Size];
        Span<byte> theirs = stackalloc byte[Size];
        Hash("abc"u8, ours);
        if (Convert.ToHexStringLower(ours) != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        {
            return false;
        }
        var input = Encoding.ASCII.GetBytes(new string('e', 300));
        for (var length = 0; length <= input.Length; length++)
        {
            Hash(input.AsSpan(0, length), ours);
            Platform.Hash(input.AsSpan(0, length), theirs);
            if (!ours.SequenceEqual(theirs))
            {
                return false;
            }
        }
        return true;
    }
}
