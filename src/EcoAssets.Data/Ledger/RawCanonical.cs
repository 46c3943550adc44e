using System.Buffers.Text;
using EcoAssets.Data.Decimals;
using EcoAssets.Domain.Bank;
using SQLitePCL;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// Writes a transaction row's canonical form (<see cref="Domain.Ledger.LedgerHashing.Canonical"/>) straight from the
/// UTF-8 column values SQLite hands out, with no strings and no parsing: Verify() does this a million times. Decimals
/// and times are brought to the canonical spelling from the text EF Core stores ("3720.0" → "3720",
/// "2026-05-01 08:00:00.5" → "2026-05-01T08:00:00.5000000Z"). Anything stored in another shape returns false, and
/// the caller takes the slow path through a parsed <see cref="Domain.Bank.Transaction"/>. A test holds the two paths
/// to the same bytes.
/// </summary>
internal static class RawCanonical
{
    // Column positions in LedgerBook's query.
    private const int Id = 4, Type = 5, Account = 6, From = 7, To = 8, Quantity = 9, Price = 10, Term = 11, Share = 12, Loan = 13,
        Purpose = 14, NewAccount = 15, OccurredAt = 16, RecordedBy = 17;

    // Decimals are scaled integers on SQLite (DecimalStorage): the stored integer is the value × 10^scale.
    internal static readonly int QuantityScale = DecimalStorage.ScaleOf(typeof(Transaction), nameof(Transaction.Quantity)),
        PriceScale = DecimalStorage.ScaleOf(typeof(Transaction), nameof(Transaction.Price)),
        ShareScale = DecimalStorage.ScaleOf(typeof(Transaction), nameof(Transaction.RevenueSharePercent));

    public static bool TryWrite(SqliteRows row, Span<byte> buffer, out int length)
    {
        var w = new Writer(buffer);
        length = 0;
        if (row.Type(Id) != raw.SQLITE_INTEGER)
        {
            return false;
        }
        w.Raw("{\"v\":\"ecoassets-tx-v1\",\"id\":"u8);
        w.Integer(row.Int64(Id));
        var ok = w.Member(",\"type\":"u8, row, Type, nullable: false)
                 && w.Member(",\"account\":"u8, row, Account, nullable: false)
                 && w.Member(",\"from\":"u8, row, From, nullable: true)
                 && w.Member(",\"to\":"u8, row, To, nullable: true)
                 && w.Decimal(",\"quantity\":"u8, row, Quantity, QuantityScale)
                 && w.Decimal(",\"price\":"u8, row, Price, PriceScale)
                 && w.OptionalInteger(",\"termMonths\":"u8, row, Term)
                 && w.Decimal(",\"revenueSharePercent\":"u8, row, Share, ShareScale)
                 && w.Member(",\"loanReference\":"u8, row, Loan, nullable: true)
                 && w.Member(",\"purpose\":"u8, row, Purpose, nullable: true)
                 && w.Member(",\"newAccount\":"u8, row, NewAccount, nullable: true)
                 && w.Time(",\"occurredAt\":"u8, row, OccurredAt)
                 && w.Member(",\"recordedBy\":"u8, row, RecordedBy, nullable: false);
        if (!ok || !w.Raw("}"u8))
        {
            return false;
        }
        length = w.Length;
        return true;
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Length { get; private set; }

        public bool Raw(scoped ReadOnlySpan<byte> bytes)
        {
            if (!bytes.TryCopyTo(_buffer[Length..]))
            {
                return false;
            }
            Length += bytes.Length;
            return true;
        }

        private bool Byte(byte b)
        {
            if (Length >= _buffer.Length)
            {
                return false;
            }
            _buffer[Length++] = b;
            return true;
        }

        public bool Integer(long value)
        {
            if (!Utf8Formatter.TryFormat(value, _buffer[Length..], out var written))
            {
                return false;
            }
            Length += written;
            return true;
        }

        public bool OptionalInteger(ReadOnlySpan<byte> name, SqliteRows row, int column) => row.Type(column) switch
        {
            raw.SQLITE_NULL => Raw(name) && Raw("null"u8),
            raw.SQLITE_INTEGER => Raw(name) && Integer(row.Int64(column)),
            _ => false,
        };

        public bool Member(ReadOnlySpan<byte> name, SqliteRows row, int column, bool nullable)
        {
            var type = row.Type(column);
            if (type == raw.SQLITE_NULL)
            {
                return nullable && Raw(name) && Raw("null"u8);
            }
            return type == raw.SQLITE_TEXT && Raw(name) && Quoted(row.Bytes(column));
        }

        // JSON escaping as LedgerHashing does it: quote, backslash and control characters; UTF-8 passes through.
        private bool Quoted(ReadOnlySpan<byte> text)
        {
            if (!Raw("\""u8))
            {
                return false;
            }
            foreach (var b in text)
            {
                var ok = b switch
                {
                    (byte)'"' => Raw("\\\""u8),
                    (byte)'\\' => Raw("\\\\"u8),
                    < 0x20 => Raw("\\u00"u8) && Byte(Hex(b >> 4)) && Byte(Hex(b & 0xF)),
                    _ => Byte(b),
                };
                if (!ok)
                {
                    return false;
                }
            }
            return Raw("\""u8);
        }

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

        // A decimal is stored as a scaled integer (37200000 at scale 4 is "3720"); a database from before the
        // ScaledDecimals migration, or a hand, may hold the text EF Core used to write ("3720.0"). The canonical form
        // has no zeros to spare either way.
        public bool Decimal(ReadOnlySpan<byte> name, SqliteRows row, int column, int scale)
        {
            var type = row.Type(column);
            if (type == raw.SQLITE_NULL)
            {
                return Raw(name) && Raw("null"u8);
            }
            if (type == raw.SQLITE_INTEGER)
            {
                return Raw(name) && Raw("\""u8) && Scaled(row.Int64(column), scale) && Raw("\""u8);
            }
            if (type != raw.SQLITE_TEXT)
            {
                return false;
            }
            var text = row.Bytes(column);
            foreach (var b in text)
            {
                if (b is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-'))
                {
                    return false;
                }
            }
            if (text.IndexOf((byte)'.') >= 0)
            {
                text = text.TrimEnd((byte)'0').TrimEnd((byte)'.');
            }
            return text.Length > 0 && text[0] != (byte)'.' && !(text.Length > 1 && text[0] == (byte)'0' && text[1] != (byte)'.')
                   && Raw(name) && Raw("\""u8) && Raw(text) && Raw("\""u8);
        }

        // The value as decimal.ToString("0.###…") spells it: sign, whole part, and the fraction without trailing zeros.
        private bool Scaled(long stored, int scale)
        {
            if (stored == long.MinValue)
            {
                return false;
            }
            Span<byte> digits = stackalloc byte[24];
            var magnitude = Math.Abs(stored);
            if (!Utf8Formatter.TryFormat(magnitude, digits, out var count))
            {
                return false;
            }
            var written = digits[..count];
            var wholeLength = Math.Max(written.Length - scale, 0);
            ReadOnlySpan<byte> whole = wholeLength == 0 ? "0"u8 : written[..wholeLength];
            Span<byte> fraction = stackalloc byte[scale];
            fraction.Fill((byte)'0');
            var fractionDigits = written[wholeLength..];
            fractionDigits.CopyTo(fraction[(scale - fractionDigits.Length)..]);
            var kept = ((ReadOnlySpan<byte>)fraction).TrimEnd((byte)'0');
            return (stored >= 0 || Raw("-"u8)) && Raw(whole) && (kept.Length == 0 || (Raw("."u8) && Raw(kept)));
        }

        // "yyyy-MM-dd HH:mm:ss[.fffffff]" as EF Core stores a DateTime → "yyyy-MM-ddTHH:mm:ss.fffffffZ".
        public bool Time(ReadOnlySpan<byte> name, SqliteRows row, int column)
        {
            if (row.Type(column) != raw.SQLITE_TEXT)
            {
                return false;
            }
            var text = row.Bytes(column);
            if (text.Length < 19 || text.Length > 27 || text[10] != (byte)' ' || (text.Length > 19 && text[19] != (byte)'.') || text.Length == 20)
            {
                return false;
            }
            var fraction = text.Length > 20 ? text[20..] : [];
            return Raw(name) && Raw("\""u8) && Raw(text[..10]) && Raw("T"u8) && Raw(text[11..19]) && Raw("."u8) && Raw(fraction)
                   && Raw("0000000"u8[..(7 - fraction.Length)]) && Raw("Z\""u8);
        }
    }
}
