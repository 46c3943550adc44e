using System.Security.Cryptography;

namespace EcoAssets.Domain.Ledger;

/// <summary>
/// SHA-256 as the ledger computes it. <see cref="Platform"/> is .NET's own; Verify() passes a faster implementation
/// of the same function where the host has one (four hashes of under 400 bytes per entry, a million entries, and
/// .NET's one-shot call spends several times longer setting up than hashing such short inputs).
/// </summary>
public abstract class Sha256
{
    public const int Size = 32;

    public static Sha256 Platform { get; } = new PlatformSha256();

    public abstract void Hash(ReadOnlySpan<byte> data, Span<byte> destination);

    public byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Hash(data, hash);
        return hash;
    }

    private sealed class PlatformSha256 : Sha256
    {
        public override void Hash(ReadOnlySpan<byte> data, Span<byte> destination) => SHA256.HashData(data, destination);
    }
}
