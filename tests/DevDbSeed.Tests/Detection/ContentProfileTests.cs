using DevDbSeed.Detection;

namespace DevDbSeed.Tests.Detection;

public sealed class ContentProfileTests
{
    [Fact]
    public void Counts_values_that_are_wholly_an_item_and_values_that_contain_one()
    {
        var profile = Profile(
            "jane@example.com", " john@example.org ", "ann@example.net", "bob@example.com", "eve@example.io", "zoe@example.co",
            "mail me at max@example.com", "call +44 20 7946 0958", "nothing", "also nothing");

        Assert.Equal(10, profile.Values);
        Assert.Equal(0.6, profile.WholeShare(PiiKind.Email), 3);
        Assert.Equal(0.7, profile.ContainsShare(PiiKind.Email), 3);
        Assert.Equal(0.0, profile.WholeShare(PiiKind.Phone), 3);
        Assert.Equal(0.1, profile.ContainsShare(PiiKind.Phone), 3);
        Assert.Equal(PiiKind.Email, profile.Dominant);
        Assert.Equal(PiiKind.Email | PiiKind.Phone, profile.Contained);
        Assert.Equal("60 % of 10 sampled values are e-mail addresses", profile.DescribeWhole(PiiKind.Email));
        Assert.Equal("of 10 sampled values, 70 % contain e-mail addresses, 10 % contain phone numbers", profile.DescribeContained());
    }

    [Fact]
    public void A_kind_dominates_from_half_of_the_values()
    {
        Assert.Equal(PiiKind.Ip, Profile("10.0.0.1", "10.0.0.2", "x", "y").Dominant);
        Assert.Equal(PiiKind.None, Profile("10.0.0.1", "x", "y").Dominant);
        Assert.Equal(PiiKind.Ip, Profile("10.0.0.1", "x", "y").Contained);
    }

    [Fact]
    public void Two_items_in_one_value_are_contained_not_whole()
    {
        var profile = Profile("jane@example.com, john@example.org");

        Assert.Equal(0, profile.WholeShare(PiiKind.Email));
        Assert.Equal(1, profile.ContainsShare(PiiKind.Email));
        Assert.Equal(PiiKind.None, profile.Dominant);
    }

    [Fact]
    public void Bare_digits_are_never_wholly_a_phone_number()
    {
        // Ten digits alone are as likely an identifier as a phone number: they are counted as contained only.
        var profile = Profile("5551234567", "4930123456", "1700000000");

        Assert.Equal(0, profile.WholeShare(PiiKind.Phone));
        Assert.Equal(PiiKind.None, profile.Dominant);
        Assert.Equal(PiiKind.Phone, profile.Contained);
    }

    [Theory]
    [InlineData(PiiKind.Phone, "+44 20 7946 0958", "(555) 123-4567", "+1-555-123-4567")]
    [InlineData(PiiKind.Card, "4111 1111 1111 1111", "5555555555554444", "3782 822463 10005")]
    [InlineData(PiiKind.Iban, "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "NL91ABNA0417164300")]
    [InlineData(PiiKind.Ip, "10.0.0.1", "2001:db8::1", "192.168.1.10")]
    public void Columns_of_one_kind_are_dominated_by_it(PiiKind kind, string a, string b, string c)
    {
        var profile = Profile(a, b, c);

        Assert.Equal(kind, profile.Dominant);
        Assert.Equal(1, profile.WholeShare(kind));
        Assert.StartsWith("100 % of 3 sampled values are ", profile.DescribeWhole(kind), StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_are_written_as_rounded_percentages()
    {
        var rare = Profile([.. Enumerable.Repeat("nothing", 999), "jane@example.com"]);
        var most = Profile([.. Enumerable.Repeat("jane@example.com", 996), "x", "y", "z", "w"]);

        Assert.Equal("of 1000 sampled values, <1 % contain e-mail addresses", rare.DescribeContained());
        Assert.Equal("100 % of 1000 sampled values are e-mail addresses", most.DescribeWhole(PiiKind.Email));
        Assert.Equal("33 % of 3 sampled values are IP addresses", Profile("10.0.0.1", "a", "b").DescribeWhole(PiiKind.Ip));
    }

    [Fact]
    public void An_empty_profile_holds_nothing()
    {
        var profile = new ContentProfile();

        Assert.Equal(0, profile.Values);
        Assert.Equal(0, profile.AverageLength);
        Assert.Equal(0, profile.WholeShare(PiiKind.Email));
        Assert.Equal(PiiKind.None, profile.Dominant);
        Assert.Equal(PiiKind.None, profile.Contained);
    }

    [Fact]
    public void Average_length_is_in_characters()
    {
        Assert.Equal(3, Profile("ab", "abcd", "Zoë").AverageLength, 3);
    }

    [Fact]
    public void The_elements_of_array_literals_are_profiled_one_by_one()
    {
        var profile = Profile("{jane@example.com,\"john@example.org\"}", "{{ann@example.net},{NULL}}", "[0:0]={\"call +44 20 7946 0958\"}", "no array");

        var elements = Assert.IsType<ContentProfile>(profile.Elements);
        Assert.Equal(4, profile.Values);
        Assert.Equal(4, elements.Values);
        Assert.Equal(0.75, elements.WholeShare(PiiKind.Email), 3);
        Assert.Equal(PiiKind.Email, elements.Dominant);
        Assert.Equal("75 % of 4 sampled array elements are e-mail addresses", elements.DescribeWhole(PiiKind.Email));
        Assert.Equal("of 4 sampled array elements, 75 % contain e-mail addresses, 25 % contain phone numbers", elements.DescribeContained());
        Assert.Null(Profile("jane@example.com", "{not an array", "plain").Elements);
    }

    [Fact]
    public void Kind_lists_follow_the_scrub_rule_order()
    {
        Assert.Equal("email, phone, ip, card, iban", ContentProfile.ScrubList(PiiKind.All));
        Assert.Equal("phone, iban", ContentProfile.ScrubList(PiiKind.Iban | PiiKind.Phone));
        Assert.Equal("e-mail addresses or card numbers", ContentProfile.KindNames(PiiKind.Card | PiiKind.Email));
        Assert.Equal("IBANs", ContentProfile.KindNames(PiiKind.Iban));
    }

    private static ContentProfile Profile(params string[] values)
    {
        var profile = new ContentProfile();
        foreach (var value in values)
        {
            profile.Add(value);
        }

        return profile;
    }
}
