namespace DevDbSeed.Snapshots;

/// <summary>
/// Where <c>snapshot restore</c> reads a snapshot from: a local file, or an <c>http://</c> or <c>https://</c> URL that is
/// downloaded first. A URL may carry credentials (<c>https://user:password@host/...</c>) or a token in its query (a
/// pre-signed link): <see cref="Display"/> is what every message shows instead, without either.
/// </summary>
public static class SnapshotLocation
{
    /// <summary>What <see cref="Display"/> puts where a URL's user information or query was.</summary>
    public const string Hidden = "***";

    /// <summary>Whether <paramref name="location"/> is an http or https URL (the scheme in any case), rather than a file.</summary>
    public static bool IsUrl(string location) => Url(location) is not null;

    /// <summary>The URL <paramref name="location"/> names; null when it is not an http or https URL.</summary>
    public static Uri? Url(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    /// <summary>
    /// <paramref name="location"/> as messages show it: a file as given; a URL without its credentials and query
    /// (<c>https://***@host/file.devdbseed?***</c>) or fragment.
    /// </summary>
    public static string Display(string location)
    {
        if (Url(location) is not { } uri)
        {
            return location;
        }

        var user = uri.UserInfo.Length > 0 ? Hidden + "@" : string.Empty;
        var query = uri.Query.Length > 1 ? "?" + Hidden : string.Empty;
        return $"{uri.Scheme}://{user}{uri.Authority}{uri.AbsolutePath}{query}";
    }

    /// <summary>
    /// <paramref name="text"/> with the URL <paramref name="location"/>, its credentials, its password and its query replaced
    /// (a library's message may repeat what it was given).
    /// </summary>
    public static string Scrub(string text, string location)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Url(location) is not { } uri)
        {
            return text;
        }

        foreach (var secret in new[] { location, uri.AbsoluteUri, uri.OriginalString })
        {
            text = text.Replace(secret, Display(location), StringComparison.Ordinal);
        }

        var password = uri.UserInfo.Split(':', 2) is [_, var given] ? given : string.Empty;
        var secrets = new[] { uri.UserInfo, Uri.UnescapeDataString(uri.UserInfo), password, Uri.UnescapeDataString(password), uri.Query.TrimStart('?') };
        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Hidden, StringComparison.Ordinal);
        }

        return text;
    }
}
