using System.Text;

namespace DevDbSeed.Detection;

/// <summary>
/// What a column's name says about its content: split into lower-case words (<c>billingEmail</c>,
/// <c>billing_email</c> and <c>Billing E-Mail</c> all give "billing", "email"), then matched against the usual names
/// of personal data, abbreviations included.
/// </summary>
public static class ColumnName
{
    /// <summary>Terms shorter than this (lname, suite, bic) match whole words only, never the end of a longer word.</summary>
    private const int MinGluedTerm = 6;

    private static readonly string[] ArchiveWords =
    [
        "file", "files", "filename", "archive", "path", "url", "uri", "size", "bytes", "blob", "data", "content", "attachment", "download",
        "upload", "compressed", "compression", "mime", "format", "checksum", "hash",
    ];

    /// <summary>
    /// Last words that make a name about a property of the personal data rather than the data itself: phone_type,
    /// email_status, mobile_app_version, password_policy. Such columns are judged by their content alone.
    /// </summary>
    private static readonly HashSet<string> DescriptorWords =
    [
        "type", "types", "kind", "status", "version", "format", "count", "policy", "provider", "verified", "enabled",
        "consent", "optin", "optout", "length", "strength", "category", "source", "channel", "language", "locale",
        "settings", "setting", "preferences", "preference", "config", "configuration", "template", "templates", "frequency",
        "notifications", "options", "flags", "rate",
    ];

    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = !char.IsLetterOrDigit(c)
                || (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))));
            if (boundary && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>The personal data a column name suggests, with the words that gave it away; null when none.</summary>
    public static (NameHint Hint, string Because)? Hint(string name)
    {
        var words = Words(name);
        if (words.Count > 1 && DescriptorWords.Contains(words[^1]))
        {
            return null; // phone_type, email_status: about the data, not the data
        }

        var joined = string.Concat(words);
        var runs = Runs(words);

        // Has: one of the words. Joined: one or more whole words written together (last_name, lastName and lastname
        // all give "lastname"), or the end of a name glued into one word by PostgreSQL's case folding
        // (customerlastname): that only for longer terms, so that model_name is not a last name ("lname").
        bool Has(params string[] any) => any.Any(words.Contains);
        bool Joined(params string[] any) => any.Any(a => runs.Contains(a) || (a.Length >= MinGluedTerm && joined.EndsWith(a, StringComparison.Ordinal)));

        (NameHint, string)? Found(NameHint hint) => (hint, $"the name '{name}' suggests {Describe(hint)}");

        if (Has("ip") || Joined("ipaddress", "ipaddr", "remoteaddr", "clientip"))
        {
            return Found(NameHint.IpAddress);
        }

        if (Has("mac") || Joined("macaddress", "macaddr"))
        {
            return Found(NameHint.MacAddress);
        }

        if (Has("email", "mail", "emails") || Joined("emailaddress", "mailaddress"))
        {
            return Found(NameHint.Email);
        }

        if (Has("password", "passwords", "passwd", "pwd", "pass", "secret", "secrets", "token", "tokens", "salt", "apikey", "otp", "credential", "credentials")
            || Joined("passwordhash", "apikey", "accesstoken", "refreshtoken", "hmackey", "signingkey", "privatekey", "secretkey", "encryptionkey",
                "accesskey", "authkey", "sessionkey", "clientsecret", "sharedsecret"))
        {
            return Found(NameHint.Secret);
        }

        if (Has("phone", "tel", "telephone", "mobile", "cell", "fax", "msisdn", "phones") || Joined("phonenumber", "cellphone"))
        {
            return Found(NameHint.Phone);
        }

        if (Has("ssn", "nin", "nino", "passport", "nationalid", "sin", "tin", "nric", "aadhaar", "license", "licence", "vatin", "ein")
            || Joined("socialsecurity", "socialsecuritynumber", "nationalid", "nationalinsurance", "ninumber", "taxid", "taxnumber", "idnumber",
                "driverslicense", "driverlicense", "personalnumber", "personnummer", "taxidentificationnumber", "taxidentifier", "taxcode", "fiscalcode",
                "vatnumber", "vatid", "vatno", "vatcode", "vatregistration", "vatregistrationnumber"))
        {
            return Found(NameHint.NationalId);
        }

        if (Has("iban") || Joined("bankaccount", "accountnumber", "accountno", "routingnumber", "sortcode", "bic", "swift"))
        {
            return Found(NameHint.BankAccount);
        }

        // Before card numbers: pan_last_four is the end of a card number, and a mask keeping the last four keeps it whole.
        if (Has("last4", "lastfour") || (Has("bin", "iin") && (words.Count == 1 || Has("card", "pan", "cc", "payment"))) || Joined("cardsuffix", "panlastfour", "lastfour", "lastfourdigits", "last4digits", "cardbin", "panbin"))
        {
            return Found(NameHint.CardFragment);
        }

        if (Has("pan", "cc", "ccnumber") || Joined("cardnumber", "creditcard", "cardno", "ccnum", "cardpan", "debitcard"))
        {
            return Found(NameHint.CardNumber);
        }

        // Before first and last names: "fullname" ends like "lname", and a name on a card is a whole name.
        if (Joined("fullname", "nameoncard"))
        {
            return Found(NameHint.FullName);
        }

        if (Joined("firstname", "fname", "givenname", "forename", "middlename"))
        {
            return Found(NameHint.FirstName);
        }

        if (Joined("lastname", "lname", "surname", "familyname", "maidenname"))
        {
            return Found(NameHint.LastName);
        }

        if (Joined("cardholder", "accountholder", "holdername", "contactname", "billingname", "customername", "payername",
                "recipientname", "shippingname", "personname", "patientname", "employeename", "ownername")
            || (Has("name") && Has("billing", "contact", "holder", "customer", "payer", "recipient", "shipping", "person", "patient", "employee", "owner", "legal")))
        {
            return Found(NameHint.FullName);
        }

        if (Has("username", "login", "handle", "nickname", "nick") || Joined("username", "userlogin", "screenname", "displayname", "profilename", "publicname"))
        {
            return Found(NameHint.UserName);
        }

        if (Has("company", "organisation", "organization", "employer", "org") || Joined("companyname", "employername", "organizationname", "organisationname"))
        {
            return Found(NameHint.Company);
        }

        if (Has("dob", "birthday", "birthdate", "birth") || Joined("dateofbirth", "birthdate", "bornon"))
        {
            return Found(NameHint.BirthDate);
        }

        // A zip next to file words is an archive (zip_file, zip_path), not a postcode.
        if ((Has("postcode", "zip", "zipcode", "postal", "postalcode") || Joined("postalcode", "zipcode", "postcode")) && !Has(ArchiveWords))
        {
            return Found(NameHint.PostCode);
        }

        if (Has("city", "town", "municipality"))
        {
            return Found(NameHint.City);
        }

        // A suite is an address line alone or beside address words (suite_no), not a test or product suite.
        if (Has("address2", "apartment") || Joined("addressline2", "line2")
            || (Has("suite") && (words.Count == 1 || Has("address", "addr", "apt", "unit", "floor", "building", "no", "number", "num", "nr"))))
        {
            return Found(NameHint.SecondaryAddress);
        }

        if (Has("street", "address", "addr", "line1", "streetaddress", "housenumber") || Joined("addressline", "addressline1", "streetaddress", "homeaddress"))
        {
            return Found(NameHint.StreetAddress);
        }

        if (Has("latitude", "longitude", "lat", "lng", "lon", "geo", "geolocation"))
        {
            return Found(NameHint.Location);
        }

        if (Has("notes", "note", "comment", "comments", "bio", "biography", "about", "remarks", "remark", "message", "memo", "feedback"))
        {
            return Found(NameHint.FreeText);
        }

        return null;
    }

    /// <summary>Every run of consecutive words written together: first, firstname, name for first_name.</summary>
    private static HashSet<string> Runs(IReadOnlyList<string> words)
    {
        var runs = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < words.Count; start++)
        {
            var run = string.Empty;
            for (var end = start; end < words.Count; end++)
            {
                run += words[end];
                runs.Add(run);
            }
        }

        return runs;
    }

    public static string Describe(NameHint hint) => hint switch
    {
        NameHint.IpAddress => "an IP address",
        NameHint.MacAddress => "a MAC address",
        NameHint.Email => "an e-mail address",
        NameHint.Secret => "a password, token or secret",
        NameHint.Phone => "a phone number",
        NameHint.NationalId => "a national identity or document number",
        NameHint.BankAccount => "a bank account",
        NameHint.CardNumber => "a card number",
        NameHint.CardFragment => "part of a card number (last digits or BIN)",
        NameHint.FirstName => "a first name",
        NameHint.LastName => "a last name",
        NameHint.FullName => "a person's name",
        NameHint.UserName => "a user name",
        NameHint.Company => "an employer or company",
        NameHint.BirthDate => "a birth date",
        NameHint.PostCode => "a postcode",
        NameHint.City => "a city",
        NameHint.SecondaryAddress => "an address line",
        NameHint.StreetAddress => "a street address",
        NameHint.Location => "a location",
        _ => "free text",
    };
}

/// <summary>Kinds of personal data a column name can point to.</summary>
public enum NameHint
{
    IpAddress,
    MacAddress,
    Email,
    Secret,
    Phone,
    NationalId,
    BankAccount,
    CardNumber,
    CardFragment,
    FirstName,
    LastName,
    FullName,
    UserName,
    Company,
    BirthDate,
    PostCode,
    City,
    SecondaryAddress,
    StreetAddress,
    Location,
    FreeText,
}
