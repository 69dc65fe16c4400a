using System.Net;
using System.Text.RegularExpressions;

namespace DevDbSeed.Detection;

/// <summary>
/// Finds e-mail addresses, phone numbers (international and local formats), IPv4/IPv6 addresses, card numbers
/// (Luhn-checked) and IBANs (mod-97-checked) inside free text. Checksums and shapes keep false positives down:
/// a date, an order number or a price is not a phone; sixteen random digits are not a card.
/// Used to classify columns by content (rules init, report) and to scrub free text.
/// </summary>
public static partial class PiiDetector
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    /// <summary>All matches of <paramref name="kinds"/>, in text order, never overlapping (e-mail, IBAN, card, IP win over phone).</summary>
    public static IReadOnlyList<PiiMatch> Find(string text, PiiKind kinds = PiiKind.All)
    {
        if (text.Length < 6)
        {
            return [];
        }

        var found = new List<PiiMatch>();
        if (kinds.HasFlag(PiiKind.Email) && text.Contains('@', StringComparison.Ordinal))
        {
            Add(found, EmailPattern(), text, PiiKind.Email, _ => true);
        }

        if (kinds.HasFlag(PiiKind.Iban))
        {
            Add(found, IbanPattern(), text, PiiKind.Iban, IsIban);
        }

        if (kinds.HasFlag(PiiKind.Card))
        {
            Add(found, CardPattern(), text, PiiKind.Card, IsCard);
        }

        if (kinds.HasFlag(PiiKind.Ip))
        {
            Add(found, Ipv4Pattern(), text, PiiKind.Ip, _ => true);
            if (text.Contains(':', StringComparison.Ordinal))
            {
                Add(found, Ipv6Pattern(), text, PiiKind.Ip, m => m.Contains("::", StringComparison.Ordinal) || m.Count(c => c == ':') >= 5 ? IPAddress.TryParse(m, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 : false);
            }
        }

        if (kinds.HasFlag(PiiKind.Phone))
        {
            Add(found, PhonePattern(), text, PiiKind.Phone, IsPhone);
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>The kinds found in <paramref name="text"/>.</summary>
    public static PiiKind KindsIn(string text, PiiKind kinds = PiiKind.All)
    {
        var result = PiiKind.None;
        foreach (var match in Find(text, kinds))
        {
            result |= match.Kind;
        }

        return result;
    }

    /// <summary>Whether the whole of <paramref name="value"/> (trimmed) is one item of <paramref name="kind"/>.</summary>
    public static bool IsWhole(string value, PiiKind kind)
    {
        var trimmed = value.Trim();
        return Find(trimmed, kind) is [var only] && only.Start == 0 && only.Length == trimmed.Length;
    }

    public static bool IsCard(string candidate)
    {
        var digits = Digits(candidate);
        if (digits.Length is < 13 or > 19 || digits.Distinct().Count() < 2)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    public static bool IsIban(string candidate)
    {
        var compact = candidate.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
        {
            return false;
        }

        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? ((remainder * 10) + value) % 97 : ((remainder * 100) + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>7 to 15 digits, not a date or a time, and either international (+) or grouped like a phone.</summary>
    private static bool IsPhone(string candidate)
    {
        var digits = Digits(candidate);
        if (digits.Length is < 7 or > 15 || DatePattern().IsMatch(candidate))
        {
            return false;
        }

        var trimmed = candidate.Trim();
        return trimmed.StartsWith('+') || trimmed.StartsWith('(') || trimmed.Count(c => c is ' ' or '-' or '.') >= 1 || digits.Length >= 10;
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static void Add(List<PiiMatch> found, Regex pattern, string text, PiiKind kind, Func<string, bool> accept)
    {
        try
        {
            foreach (Match match in pattern.Matches(text))
            {
                var value = match.Value.TrimEnd(' ', '.', '-');
                var candidate = new PiiMatch(kind, match.Index, value.Length);
                if (value.Length > 0 && accept(value) && !found.Any(f => f.Start < candidate.End && candidate.Start < f.End))
                {
                    found.Add(candidate);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // pathological text: what was found so far stands
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\d.])\d(?:[ \-]?\d){12,18}(?![\d.])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d.])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Ipv6Pattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{2,4}(?:[ .\-]?\d{2,4}){1,4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?!\w)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 250)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\s*$|^\s*\d{1,2}:\d{2}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex DatePattern();
}
