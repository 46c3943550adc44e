using System.Security.Cryptography;

namespace EcoAssets.LedgerVerifier;

/// <summary>
/// RFC 9162 §2.1.3.2 and §2.1.4.2 proof verification, written from the RFC on its own (the registry builds proofs
/// with other code): a leaf is SHA-256(0x00 ‖ data), a node SHA-256(0x01 ‖ left ‖ right).
/// </summary>
public static class MerkleProofs
{
    private const int HashSize = 32;

    public static byte[] Node(byte[] left, byte[] right)
    {
        var buffer = new byte[1 + 2 * HashSize];
        buffer[0] = 1;
        left.CopyTo(buffer, 1);
        right.CopyTo(buffer, 1 + HashSize);
        return SHA256.HashData(buffer);
    }

    public static byte[] Leaf(byte[] data)
    {
        var buffer = new byte[data.Length + 1];
        data.CopyTo(buffer, 1);
        return SHA256.HashData(buffer);
    }

    /// <summary>Whether <paramref name="leafHash"/> at <paramref name="leafIndex"/> is in the tree of <paramref name="treeSize"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ulong leafIndex, ulong treeSize, byte[] leafHash, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (leafIndex >= treeSize || leafHash.Length != HashSize || root.Length != HashSize || path.Any(p => p.Length != HashSize))
        {
            return false;
        }
        ulong fn = leafIndex, sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Whether the tree of <paramref name="first"/> leaves with <paramref name="firstRoot"/> is a prefix of the one of <paramref name="second"/> leaves.</summary>
    public static bool VerifyConsistency(ulong first, ulong second, byte[] firstRoot, byte[] secondRoot, IReadOnlyList<byte[]> proof)
    {
        // An empty tree proves nothing; equal sizes need no proof, only equal roots.
        if (first > second || first == 0)
        {
            return false;
        }
        if (first == second)
        {
            return proof.Count == 0 && firstRoot.AsSpan().SequenceEqual(secondRoot);
        }
        if (proof.Count == 0 || firstRoot.Length != HashSize || secondRoot.Length != HashSize || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }
        var path = proof.ToList();
        if ((first & (first - 1)) == 0)
        {
            path.Insert(0, firstRoot);
        }
        ulong fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Node(c, fr);
                sr = Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
