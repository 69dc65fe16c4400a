using DevDbSeed.Snapshots;

namespace DevDbSeed.Tests.Snapshots;

/// <summary>A snapshot's location: a file, or an http(s) URL shown without its credentials or query.</summary>
public sealed class SnapshotLocationTests
{
    [Theory]
    [InlineData("https://cdn.example.com/vca.devdbseed", true)]
    [InlineData("HTTP://cdn.example.com/vca.devdbseed", true)]
    [InlineData("/srv/snapshots/vca.devdbseed", false)]
    [InlineData("vca.devdbseed", false)]
    [InlineData("C:\\snapshots\\vca.devdbseed", false)]
    [InlineData("ftp://cdn.example.com/vca.devdbseed", false)]
    [InlineData("file:///srv/snapshots/vca.devdbseed", false)]
    public void Only_http_and_https_urls_are_downloaded(string location, bool isUrl) =>
        Assert.Equal(isUrl, SnapshotLocation.IsUrl(location));

    [Theory]
    [InlineData("https://cdn.example.com/nightly/vca.devdbseed", "https://cdn.example.com/nightly/vca.devdbseed")]
    [InlineData("https://ci:s3cret@cdn.example.com:8443/vca.devdbseed", "https://***@cdn.example.com:8443/vca.devdbseed")]
    [InlineData("https://cdn.example.com/vca.devdbseed?X-Amz-Signature=abc&X-Amz-Expires=60#part", "https://cdn.example.com/vca.devdbseed?***")]
    [InlineData("/srv/snapshots/vca.devdbseed", "/srv/snapshots/vca.devdbseed")]
    public void A_url_is_shown_without_its_credentials_query_or_fragment(string location, string shown) =>
        Assert.Equal(shown, SnapshotLocation.Display(location));

    [Fact]
    public void A_message_repeating_the_url_or_its_secrets_is_scrubbed()
    {
        const string Url = "https://ci:s3cret@cdn.example.com/vca.devdbseed?token=t0k3n";

        var scrubbed = SnapshotLocation.Scrub($"GET {Url} failed; token=t0k3n, s3cret", Url);

        Assert.Equal("GET https://***@cdn.example.com/vca.devdbseed?*** failed; ***, ***", scrubbed);
    }
}
