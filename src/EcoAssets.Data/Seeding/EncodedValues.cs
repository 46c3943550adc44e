using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EcoAssets.Data.Seeding;

/// <summary>How a value is stored by SQLite, and the byte that starts it in <see cref="EncodedValues"/>.</summary>
internal enum ValueKind : byte
{
    Null,
    Integer,
    Real,
    Text,
    Blob,
}

/// <summary>
/// Column values one after another as SQLite will store them: a <see cref="ValueKind"/> byte, then 8 bytes of integer
/// or real, or a 4-byte length and the UTF-8 text or the blob (numbers in the machine's byte order: the encoding never
/// leaves the process). Text takes the forms Microsoft.Data.Sqlite writes and
/// EF Core compares against: decimals as ToString("0.0###…") (no trailing zeros, at least one decimal), times as
/// "yyyy-MM-dd HH:mm:ss.FFFFFFF", dates as "yyyy-MM-dd". The buffer is rented from the shared pool and given back by
/// <see cref="Release"/>.
/// </summary>
internal sealed class EncodedValues(int capacity)
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void AddNull()
    {
        Space(1)[0] = (byte)ValueKind.Null;
        _length++;
    }

    public void Add(long number)
    {
        var span = Space(1 + sizeof(long));
        span[0] = (byte)ValueKind.Integer;
        MemoryMarshal.Write(span[1..], number);
        _length += 1 + sizeof(long);
    }

    public void Add(bool flag) => Add(flag ? 1L : 0L);

    public void Add(double number)
    {
        var span = Space(1 + sizeof(double));
        span[0] = (byte)ValueKind.Real;
        MemoryMarshal.Write(span[1..], number);
        _length += 1 + sizeof(double);
    }

    public void Add(string text) => Text(System.Text.Encoding.UTF8.GetBytes(text, TextSpace(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length))));

    public void Add(decimal number) => Text(DecimalText(number, TextSpace(64)));

    public void Add(DateTime time) => Text(DateTimeText(time, TextSpace(32)));

    public void Add(DateOnly date) => Text(DateText(date, TextSpace(16)));

    public void Add(byte[] blob)
    {
        var span = Space(1 + sizeof(int) + blob.Length);
        span[0] = (byte)ValueKind.Blob;
        MemoryMarshal.Write(span[1..], blob.Length);
        blob.CopyTo(span[(1 + sizeof(int))..]);
        _length += 1 + sizeof(int) + blob.Length;
    }

    public void Release()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads a value back: its kind, and for integers and reals the number, for text and blobs where the bytes are.
    public static ValueKind Read(ReadOnlySpan<byte> values, ref int at, out long integer, out double real, out Range bytes)
    {
        var kind = (ValueKind)values[at++];
        (integer, real, bytes) = (0, 0, default);
        switch (kind)
        {
            case ValueKind.Null:
                break;
            case ValueKind.Integer:
                integer = MemoryMarshal.Read<long>(values[at..]);
                at += sizeof(long);
                break;
            case ValueKind.Real:
                real = MemoryMarshal.Read<double>(values[at..]);
                at += sizeof(double);
                break;
            default:
                var length = MemoryMarshal.Read<int>(values[at..]);
                at += sizeof(int);
                bytes = at..(at + length);
                at += length;
                break;
        }
        return kind;
    }

    // Microsoft.Data.Sqlite's form, ToString("0.0###…"). Decimals whose digits fit in a long (every amount and
    // quantity of the demo set) are written digit by digit: formatting through the general path was the producer's
    // largest single cost, ten decimals to each stock movement.
    internal static int DecimalText(decimal number, Span<byte> buffer)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(number, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] != 0 || bits[1] < 0 || scale > 18)
        {
            return GeneralDecimalText(number, buffer);
        }
        var digits = ((long)bits[1] << 32) | (uint)bits[0];
        while (scale > 0 && digits % 10 == 0)
        {
            digits /= 10;
            scale--;
        }
        var length = 0;
        if (bits[3] < 0 && digits != 0)
        {
            buffer[length++] = (byte)'-';
        }
        var unit = Pow10[scale];
        length += Number(digits / unit, buffer[length..]);
        buffer[length++] = (byte)'.';
        if (scale == 0)
        {
            buffer[length++] = (byte)'0';
            return length;
        }
        Digits(buffer.Slice(length, scale), digits % unit);
        return length + scale;
    }

    // 10⁰ … 10¹⁸, the powers of ten a long holds.
    private static readonly long[] Pow10 = Powers();

    private static long[] Powers()
    {
        var powers = new long[19];
        powers[0] = 1;
        for (var n = 1; n < powers.Length; n++)
        {
            powers[n] = powers[n - 1] * 10;
        }
        return powers;
    }

    private static int GeneralDecimalText(decimal number, Span<byte> buffer)
    {
        number.TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture);
        var text = buffer[..length];
        if (text.IndexOf((byte)'.') < 0)
        {
            ".0"u8.CopyTo(buffer[length..]);
            return length + 2;
        }
        text = text.TrimEnd((byte)'0');
        if (text[^1] == '.')
        {
            buffer[text.Length] = (byte)'0';
            return text.Length + 1;
        }
        return text.Length;
    }

    private static int Number(long value, Span<byte> into)
    {
        var length = 1;
        while (length < Pow10.Length && value >= Pow10[length])
        {
            length++;
        }
        Digits(into[..length], value);
        return length;
    }

    // Written digit by digit: DateTime's custom-format path costs more than the insert of the value.
    internal static int DateTimeText(DateTime time, Span<byte> buffer)
    {
        var length = DateText(DateOnly.FromDateTime(time), buffer);
        buffer[length++] = (byte)' ';
        Digits(buffer.Slice(length, 2), time.Hour);
        buffer[length + 2] = (byte)':';
        Digits(buffer.Slice(length + 3, 2), time.Minute);
        buffer[length + 5] = (byte)':';
        Digits(buffer.Slice(length + 6, 2), time.Second);
        length += 8;
        var fraction = (int)(time.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return length;
        }
        buffer[length++] = (byte)'.';
        Digits(buffer.Slice(length, 7), fraction);
        length += 7;
        while (buffer[length - 1] == '0')
        {
            length--;
        }
        return length;
    }

    internal static int DateText(DateOnly date, Span<byte> buffer)
    {
        Digits(buffer[..4], date.Year);
        buffer[4] = (byte)'-';
        Digits(buffer.Slice(5, 2), date.Month);
        buffer[7] = (byte)'-';
        Digits(buffer.Slice(8, 2), date.Day);
        return 10;
    }

    private static void Digits(Span<byte> into, long value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    // Text is written where it will stay, after its kind and room for its length; Text(length) then fills those in.
    private Span<byte> TextSpace(int maxBytes) => Space(1 + sizeof(int) + maxBytes)[(1 + sizeof(int))..];

    private void Text(int length)
    {
        var span = _buffer.AsSpan(_length);
        span[0] = (byte)ValueKind.Text;
        MemoryMarshal.Write(span[1..], length);
        _length += 1 + sizeof(int) + length;
    }

    private Span<byte> Space(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            Written.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(_length);
    }
}
