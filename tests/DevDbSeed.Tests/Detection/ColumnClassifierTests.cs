using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Detection;

public sealed class ColumnClassifierTests
{
    private static readonly ColumnType Text = ColumnType.Text;
    private static readonly ColumnType Varchar = new("character varying(255)", TypeCategory.Text, MaxLength: 255);
    private static readonly ColumnType Int4 = new("integer", TypeCategory.Integer, Precision: 4);
    private static readonly ColumnType Numeric = new("numeric(9,6)", TypeCategory.Numeric, Precision: 9, Scale: 6);
    private static readonly ColumnType Date = new("date", TypeCategory.Date);
    private static readonly ColumnType TimestampTz = new("timestamp with time zone", TypeCategory.TimestampTz);
    private static readonly ColumnType TextArray = new("text[]", TypeCategory.Array, Element: ColumnType.Text);
    private static readonly ColumnType Inet = new("inet", TypeCategory.Inet);
    private static readonly ColumnType Cidr = new("cidr", TypeCategory.Cidr);
    private static readonly ColumnType MacAddr = new("macaddr", TypeCategory.MacAddr);
    private static readonly ColumnType Bytea = new("bytea", TypeCategory.Bytea);
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb);
    private static readonly ColumnType PlainJson = new("json", TypeCategory.Json);

    [Theory]
    [InlineData("email", "internet.email")]
    [InlineData("BillingEmail", "internet.email")]
    [InlineData("phone_number", "phone.phoneNumber")]
    [InlineData("fax", "phone.phoneNumber")]
    [InlineData("first_name", "name.firstName")]
    [InlineData("surname", "name.lastName")]
    [InlineData("card_holder", "name.fullName")]
    [InlineData("contact_name", "name.fullName")]
    [InlineData("username", "internet.userName")]
    [InlineData("employer", "company.companyName")]
    [InlineData("postcode", "address.zipCode")]
    [InlineData("city", "address.city")]
    [InlineData("address2", "address.secondaryAddress")]
    [InlineData("street", "address.streetAddress")]
    [InlineData("ip_address", "internet.ip")]
    [InlineData("mac_address", "internet.mac")]
    [InlineData("password_hash", "{ hash: {} }")]
    [InlineData("ssn", "{ hash: {} }")]
    [InlineData("passport_no", "{ hash: {} }")]
    [InlineData("account_number", "{ hash: {} }")]
    [InlineData("card_number", "{ mask: { keep_last: 4, with: \"#\" } }")]
    [InlineData("dob", "{ hash: {} }")]
    [InlineData("notes", "lorem.paragraph")]
    public void Text_columns_get_a_rule_from_their_name(string name, string rule)
    {
        var suggestion = Suggest(name, Varchar);

        Assert.Equal(rule, suggestion.Rule);
        Assert.StartsWith($"the name '{name}' suggests ", suggestion.Reason, StringComparison.Ordinal);
        Assert.NotNull(Masks.Rule(rule));
    }

    [Fact]
    public void A_name_hint_says_how_much_of_the_sample_agrees()
    {
        var suggestion = Suggest("email", Varchar, Content("jane@example.com", "john@example.org", "ann@example.net", "n/a"));

        Assert.Equal("internet.email", suggestion.Rule);
        Assert.Equal("the name 'email' suggests an e-mail address; 75 % of 4 sampled values are e-mail addresses", suggestion.Reason);
    }

    [Fact]
    public void Arrays_of_text_get_the_rule_for_each_element()
    {
        Assert.Equal("{ each: internet.email }", Suggest("emails", TextArray).Rule);
        Assert.Equal("{ each: phone.phoneNumber }", Suggest("phones", TextArray).Rule);
    }

    [Fact]
    public void An_array_of_e_mail_addresses_is_masked_whatever_its_name()
    {
        // rules init samples array columns as their text ({a,b}); e-mails inside must not be kept.
        var suggestion = Suggest("recipients", TextArray, Content("{jane@example.com,john@example.org}", "{ann@example.net}", "{bob@example.io,eve@example.co}"));

        Assert.False(suggestion.IsKeep, suggestion.Reason);
        Assert.IsType<EachRule>(Masks.Rule(suggestion.Rule!));
    }

    [Fact]
    public void An_array_judged_by_its_elements_says_so_in_its_reason()
    {
        var suggestion = Suggest("recipients", TextArray, Content("{jane@example.com,john@example.org}", "{ann@example.net,NULL}", "{}"));

        Assert.Equal("{ each: internet.email }", suggestion.Rule);
        Assert.Equal("100 % of 3 sampled array elements are e-mail addresses", suggestion.Reason);
    }

    [Fact]
    public void An_array_of_free_text_with_items_in_it_is_scrubbed_element_by_element()
    {
        var suggestion = Suggest("history", TextArray, Content(
            "{\"called +44 20 7946 0958 twice\",\"no answer\"}",
            "{\"wrote to jane@example.com\",\"closed\"}",
            "{\"ok\"}"));

        Assert.Equal("{ each: { scrub: [email, phone] } }", suggestion.Rule);
        Assert.StartsWith("of 5 sampled array elements, ", suggestion.Reason, StringComparison.Ordinal);
        Assert.IsType<EachRule>(Masks.Rule(suggestion.Rule!));
    }

    [Fact]
    public void An_array_named_as_free_text_gets_a_rule_for_each_element()
    {
        Assert.Equal("{ each: { scrub: [phone] } }", Suggest("notes", TextArray, Content("{\"call +44 20 7946 0958\",fine}")).Rule);
        Assert.Equal("{ each: lorem.sentence }", Suggest("notes", TextArray, Content("{\"great course\",\"too fast\"}")).Rule);
    }

    [Fact]
    public void An_array_without_personal_elements_is_kept()
    {
        var suggestion = Suggest("tags", TextArray, Content("{red,green}", "{blue}"));

        Assert.True(suggestion.IsKeep, suggestion.Rule);
    }

    [Fact]
    public void A_text_column_holding_array_like_text_is_judged_by_the_whole_text()
    {
        // only an array column is judged element by element; a text column of "{...}" values is free text
        var suggestion = Suggest("value", Text, Content("{jane@example.com,john@example.org}", "{ann@example.net}"));

        Assert.Equal("{ scrub: [email] }", suggestion.Rule);
    }

    [Theory]
    [InlineData("birth_date", "date")]
    [InlineData("date_of_birth", "timestamptz")]
    public void Birth_dates_are_shifted(string name, string type)
    {
        var suggestion = Suggest(name, type == "date" ? Date : TimestampTz);

        Assert.Equal("{ shift: { days: 180 } }", suggestion.Rule);
        Assert.IsType<ShiftRule>(Masks.Rule(suggestion.Rule!));
    }

    [Fact]
    public void Coordinates_get_a_little_noise()
    {
        Assert.Equal("{ noise: { ratio: 0.001 } }", Suggest("latitude", Numeric).Rule);
        Assert.True(Suggest("latitude", Varchar).IsKeep);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("phone")]
    [InlineData("first_name")]
    [InlineData("notes")]
    [InlineData("city")]
    public void A_name_hint_that_does_not_fit_the_type_gives_no_rule(string name)
    {
        // An integer "email" or "city" column (a foreign key id, a count) is no text to fake.
        var suggestion = Suggest(name, Int4);

        Assert.True(suggestion.IsKeep);
        Assert.Contains("reviewed by devdbseed rules init (a tool, not a person)", suggestion.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane@example.com", "internet.email", "e-mail addresses")]
    [InlineData("+44 20 7946 0958", "phone.phoneNumber", "phone numbers")]
    [InlineData("10.0.0.1", "internet.ip", "IP addresses")]
    [InlineData("4111 1111 1111 1111", "{ mask: { keep_last: 4, with: \"#\" } }", "card numbers")]
    [InlineData("DE89370400440532013000", "finance.iban", "IBANs")]
    public void Columns_whose_values_mostly_are_one_kind_get_its_rule_whatever_their_name(string item, string rule, string kinds)
    {
        var suggestion = Suggest("value", Text, Content(item, item, item, "other"));

        Assert.Equal(rule, suggestion.Rule);
        Assert.Equal($"75 % of 4 sampled values are {kinds}", suggestion.Reason);
    }

    [Fact]
    public void Free_text_containing_items_gets_a_scrub_of_those_kinds()
    {
        var suggestion = Suggest("body", Text, Content(
            "Please reset my password, my e-mail is jane@example.com",
            "Call me on +44 20 7946 0958",
            "Thanks!",
            "Nothing to see",
            "another@example.org wrote"));

        Assert.Equal("{ scrub: [email, phone] }", suggestion.Rule);
        Assert.StartsWith("of 5 sampled values, 40 % contain e-mail addresses, 20 % contain phone numbers; REVIEW: ", suggestion.Reason, StringComparison.Ordinal);
        Assert.Contains("names and street addresses in it stay", suggestion.Reason, StringComparison.Ordinal);
        Assert.IsType<ScrubRule>(Masks.Rule(suggestion.Rule!));
    }

    [Fact]
    public void A_kind_below_half_of_the_values_is_scrubbed_not_faked()
    {
        var suggestion = Suggest("contact", Text, Content("jane@example.com", "john@example.org", "by phone", "by letter", "in person"));

        Assert.Equal("{ scrub: [email] }", suggestion.Rule);
    }

    [Fact]
    public void Free_text_named_as_such_is_scrubbed_when_it_holds_items_and_replaced_by_lorem_otherwise()
    {
        Assert.Equal("{ scrub: [card] }", Suggest("comments", Text, Content("paid with 4111 1111 1111 1111, thanks", "ok")).Rule);
        Assert.Equal("lorem.sentence", Suggest("comments", Text, Content("great course", "too fast")).Rule);
        Assert.Equal("lorem.paragraph", Suggest("bio", Text, Content(new string('x', 200))).Rule);
        Assert.Equal("lorem.paragraph", Suggest("bio", Text).Rule);
    }

    [Fact]
    public void An_iban_named_account_column_gets_iban_fakes_and_other_accounts_a_hash()
    {
        Assert.Equal("finance.iban", Suggest("account_number", Text, Content("DE89370400440532013000", "NL91ABNA0417164300")).Rule);
        Assert.Equal("{ hash: {} }", Suggest("account_number", Text, Content("12345678", "87654321")).Rule);
    }

    [Theory]
    [InlineData("last_seen_from")]
    [InlineData("ip")]
    public void Inet_columns_are_ip_addresses(string name)
    {
        Assert.Equal("internet.ip", Suggest(name, Inet).Rule);
        Assert.Equal("internet.ip", Suggest(name, Cidr).Rule);
    }

    [Fact]
    public void Macaddr_columns_are_mac_addresses() => Assert.Equal("internet.mac", Suggest("device", MacAddr).Rule);

    [Fact]
    public void Nullable_binary_data_is_set_to_null()
    {
        var suggestion = Suggest("picture", Bytea);

        Assert.Equal("null", suggestion.Rule);
        Assert.Contains("binary data", suggestion.Reason, StringComparison.Ordinal);
        Assert.IsType<NullRule>(Masks.Rule(suggestion.Rule!));
    }

    [Fact]
    public void Not_null_binary_data_is_kept_and_marked_for_review()
    {
        var suggestion = Suggest("picture", Bytea, notNull: true);

        Assert.True(suggestion.IsKeep);
        Assert.Contains("NOT NULL", suggestion.Reason, StringComparison.Ordinal);
        Assert.Contains("REVIEW", suggestion.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "active", "inactive")]
    [InlineData("title", "ACADEMY DINOSAUR", "ACE GOLDFINGER")]
    [InlineData("created_at", "2024-03-15 10:30:00+00", "2024-03-16 11:00:00+00")]
    [InlineData("amount", "12.99", "1,299.00")]
    [InlineData("order_ref", "Order #12345678", "Order #87654321")]
    public void Columns_with_no_personal_name_or_content_are_kept_as_reviewed_by_a_tool(string name, string a, string b)
    {
        var suggestion = Suggest(name, Text, Content(a, b));

        Assert.True(suggestion.IsKeep);
        Assert.Equal($"reviewed by devdbseed rules init (a tool, not a person): no personal data found in its name and 2 sampled values", suggestion.Reason);
    }

    [Fact]
    public void A_column_never_sampled_says_it_was_judged_by_name_and_type()
    {
        var suggestion = Suggest("status", Int4);

        Assert.Equal("reviewed by devdbseed rules init (a tool, not a person): no personal data found in its name and type", suggestion.Reason);
    }

    [Fact]
    public void Json_members_with_personal_data_get_rules_and_the_others_none()
    {
        var json = Json(
            """{"contact": {"email": "jane@example.com", "phone": "+44 20 7946 0958"}, "plan": "pro", "seats": 3, "notes": "call +44 20 7946 0958", "addresses": [{"line1": "1 Main St", "zip": "90210"}]}""",
            """{"contact": {"email": "john@example.org", "phone": "+1 (555) 123-4567"}, "plan": "free", "seats": 1, "notes": "fine", "addresses": [{"line1": "2 Elm St", "zip": "10001"}]}""");

        var suggestion = ColumnClassifier.Suggest(new ColumnInfo("profile", Jsonb, false, false), null, json);

        var rule = Assert.IsType<JsonRule>(Masks.Rule(suggestion.Rule!));
        var members = rule.Members.ToDictionary(m => m.Path.ToString(), m => m.Rule.Canonical(false));
        Assert.Equal(["addresses[*].line1", "addresses[*].zip", "contact.email", "contact.phone", "notes"], members.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("fake:internet.email", members["contact.email"], StringComparison.Ordinal);
        Assert.StartsWith("fake:phone.phoneNumber", members["contact.phone"], StringComparison.Ordinal);
        Assert.StartsWith("fake:address.streetAddress", members["addresses[*].line1"], StringComparison.Ordinal);
        Assert.StartsWith("fake:address.zipCode", members["addresses[*].zip"], StringComparison.Ordinal);
        Assert.StartsWith("scrub:phone", members["notes"], StringComparison.Ordinal);
        Assert.Contains("\"addresses[*].line1\": address.streetAddress", suggestion.Rule, StringComparison.Ordinal);
        Assert.Contains("contact.email: the name 'email' suggests an e-mail address", suggestion.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("plan", suggestion.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("seats", suggestion.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_members_are_classified_by_content_when_their_key_says_nothing()
    {
        var json = Json("""{"a": "jane@example.com", "b": "x"}""", """{"a": "john@example.org", "b": "y"}""");

        var suggestion = ColumnClassifier.Suggest(new ColumnInfo("data", PlainJson, false, false), null, json);

        Assert.Equal("{ json: { a: internet.email } }", suggestion.Rule);
        Assert.Equal("a: 100 % of 2 sampled values are e-mail addresses", suggestion.Reason);
    }

    [Fact]
    public void Json_keys_that_yaml_cannot_write_plain_are_quoted()
    {
        var json = Json("""{"home phone": "+44 20 7946 0958", "e-mail": "jane@example.com", "1st_email": "x@example.org"}""");

        var suggestion = ColumnClassifier.Suggest(new ColumnInfo("data", Jsonb, false, false), null, json);

        var rule = Assert.IsType<JsonRule>(Masks.Rule(suggestion.Rule!));
        Assert.Equal(["1st_email", "e-mail", "home phone"], rule.Members.Select(m => m.Path.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("\"home phone\": ", suggestion.Rule, StringComparison.Ordinal);
        Assert.Contains("\"1st_email\": ", suggestion.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_column_without_personal_members_is_kept_as_reviewed_by_a_tool()
    {
        var suggestion = ColumnClassifier.Suggest(new ColumnInfo("settings", Jsonb, false, false), null, Json("""{"theme": "dark", "size": 12}""", """{"theme": "light"}"""));

        Assert.True(suggestion.IsKeep);
        Assert.Equal("reviewed by devdbseed rules init (a tool, not a person): no personal data found in the members of 2 sampled documents", suggestion.Reason);
    }

    [Theory]
    [InlineData("secrets")]
    [InlineData("hmac_key")]
    [InlineData("signing_key")]
    [InlineData("api_key")]
    [InlineData("webhook_secret")]
    [InlineData("client_secret")]
    [InlineData("credentials")]
    [InlineData("tax_identification_number")]
    [InlineData("vat_number")]
    [InlineData("vat_id")]
    public void Secrets_in_plural_or_compound_names_and_tax_numbers_are_hashed(string name)
    {
        Assert.Equal("{ hash: {} }", Suggest(name, Varchar).Rule);
    }

    [Theory]
    [InlineData("display_name")]
    [InlineData("screen_name")]
    [InlineData("handle")]
    public void Public_user_names_are_replaced_with_user_names(string name)
    {
        Assert.Equal("internet.userName", Suggest(name, Varchar).Rule);
    }

    [Theory]
    [InlineData("last4")]
    [InlineData("card_last4")]
    [InlineData("card_suffix")]
    [InlineData("pan_last_four")]
    [InlineData("bin")]
    [InlineData("card_bin")]
    public void Partial_card_data_is_masked_whole_with_a_review_comment_even_where_its_name_also_says_pan(string name)
    {
        var suggestion = Suggest(name, Varchar);

        Assert.Equal("{ mask: { with: \"#\" } }", suggestion.Rule);
        Assert.Contains("REVIEW: a quasi-identifier", suggestion.Reason, StringComparison.Ordinal);
        Assert.NotNull(Masks.Rule(suggestion.Rule!));
    }

    [Theory]
    [InlineData("email_settings")]
    [InlineData("phone_preferences")]
    [InlineData("vat_rate")]
    [InlineData("recycle_bin")]
    public void Names_about_settings_rates_or_other_bins_suggest_no_personal_data(string name)
    {
        Assert.Null(ColumnName.Hint(name));
    }

    [Fact]
    public void A_column_of_vat_numbers_is_recognised_by_content_whatever_its_name()
    {
        var suggestion = Suggest("registration", Varchar, Content("DE123456789", "ATU12345678", "FR 40 303 265 045", "NL123456789B01", "GB123456789", "n/a"));

        Assert.Equal("{ hash: {} }", suggestion.Rule);
        Assert.Equal("83 % of 6 sampled values are VAT or tax identification numbers", suggestion.Reason);
    }

    [Fact]
    public void Order_codes_and_plain_words_are_not_tax_numbers()
    {
        Assert.Null(Suggest("code", Varchar, Content("ORD-2024-000123", "DE12345", "ABCDEFGHIJK", "Germany", "DE1234567890123")).Rule);
    }

    [Fact]
    public void An_opaque_token_column_with_a_rare_card_like_digit_run_is_hashed_whole_not_scrubbed()
    {
        var tokens = Enumerable.Range(0, 999).Select(i => $"tok_{i:x8}a9f3c2e1b7d6").Append("tok_4111111111111111x").ToArray();

        var suggestion = Suggest("reference", Varchar, Content(tokens));

        Assert.Equal("{ hash: {} }", suggestion.Rule);
        Assert.Contains("REVIEW: the values are opaque strings", suggestion.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_with_an_email_in_it_is_still_scrubbed()
    {
        Assert.Equal("{ scrub: [email] }", Suggest("remarks_text", Varchar, Content("please call back tomorrow", "write to jane@example.com", "ok")).Rule?.Replace("remarks", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bare_name_column_holding_peoples_full_names_is_masked_with_full_names()
    {
        var suggestion = Suggest("name", Varchar, Content("Jane Doe", "John Smith", "Maria Garcia", "Acme Ltd", "Peter Jones"));

        Assert.Equal("name.fullName", suggestion.Rule);
        Assert.Equal("80 % of 5 sampled values are people's names", suggestion.Reason);
    }

    [Fact]
    public void Names_in_other_locales_are_recognised_by_content()
    {
        Assert.Equal("name.fullName", Suggest("kontakt", Varchar, Content("Jürgen Müller", "Anna Schmidt", "Lukas Becker")).Rule);
        Assert.Equal("name.lastName", Suggest("nom", Varchar, Content("Dupont", "Lefebvre", "Moreau", "Girard")).Rule);
    }

    [Fact]
    public void Product_and_category_names_are_not_taken_for_people()
    {
        Assert.Null(Suggest("name", Varchar, Content("ACADEMY DINOSAUR", "ACE GOLDFINGER", "ADAPTATION HOLES", "AFFAIR PREJUDICE", "Action", "Comedy")).Rule);
    }

    [Fact]
    public void Json_members_under_keys_that_say_nothing_are_masked_when_they_hold_names()
    {
        var json = Json("""{"contact": "Jane Doe", "label": "gold", "value": {"name": "Jürgen Müller"}}""",
            """{"contact": "John Smith", "label": "silver", "value": {"name": "José García"}}""");

        var suggestion = ColumnClassifier.Suggest(new ColumnInfo("meta", Jsonb, false, false), null, json);

        Assert.Equal("{ json: { contact: name.fullName, value.name: name.fullName } }", suggestion.Rule);
    }

    [Fact]
    public void Free_text_that_mentions_people_is_kept_for_review_with_a_comment()
    {
        var suggestion = Suggest("details", Text, Content("Spoke to Jane Doe about the refund", "customer happy", "Mrs. Jones asked for a call", "ok"));

        Assert.Null(suggestion.Rule);
        Assert.Equal("REVIEW: 50 % of 4 sampled values mention people by name, kept as it is (lorem.paragraph replaces the whole text)", suggestion.Reason);
    }

    [Fact]
    public void Columns_of_street_addresses_and_cities_are_recognised_by_content()
    {
        Assert.Equal("address.streetAddress", Suggest("line", Varchar, Content("12 Baker Street", "Hauptstraße 5", "3 rue de la Paix")).Rule);
    }

    private static Suggestion Suggest(string name, ColumnType type, ContentProfile? content = null, bool notNull = false) =>
        ColumnClassifier.Suggest(new ColumnInfo(name, type, notNull, IsGenerated: false), content, null);

    private static ContentProfile Content(params string[] values)
    {
        var profile = new ContentProfile();
        foreach (var value in values)
        {
            profile.Add(value);
        }

        return profile;
    }

    private static JsonProfile Json(params string[] documents)
    {
        var profile = new JsonProfile();
        foreach (var document in documents)
        {
            profile.Add(document);
        }

        return profile;
    }
}
