using System.Text;

namespace DevDbSeed.Detection;

/// <summary>
/// What a column's name says about its content: split into lower-case words (<c>billingEmail</c>,
/// <c>billing_email</c> and <c>Billing E-Mail</c> all give "billing", "email"), then matched against the usual names
/// of personal data, abbreviations included.
/// </summary>
public static class ColumnName
{
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
        var joined = string.Concat(words);
        bool Has(params string[] any) => any.Any(words.Contains);
        bool Joined(params string[] any) => any.Any(a => joined == a || joined.EndsWith(a, StringComparison.Ordinal) || joined.StartsWith(a, StringComparison.Ordinal));

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

        if (Has("password", "passwd", "pwd", "pass", "secret", "token", "salt", "apikey", "otp") || Joined("passwordhash", "apikey", "accesstoken", "refreshtoken"))
        {
            return Found(NameHint.Secret);
        }

        if (Has("phone", "tel", "telephone", "mobile", "cell", "fax", "msisdn", "phones") || Joined("phonenumber", "cellphone"))
        {
            return Found(NameHint.Phone);
        }

        if (Has("ssn", "nin", "passport", "nationalid", "sin", "tin", "nric", "aadhaar", "license", "licence")
            || Joined("socialsecurity", "nationalid", "taxid", "taxnumber", "idnumber", "driverslicense", "driverlicense", "personalnumber", "personnummer"))
        {
            return Found(NameHint.NationalId);
        }

        if (Has("iban") || Joined("bankaccount", "accountnumber", "accountno", "routingnumber", "sortcode", "bic", "swift"))
        {
            return Found(NameHint.BankAccount);
        }

        if (Has("pan", "cc", "ccnumber") || Joined("cardnumber", "creditcard", "cardno", "ccnum", "cardpan", "debitcard"))
        {
            return Found(NameHint.CardNumber);
        }

        if (Joined("firstname", "fname", "givenname", "forename", "middlename"))
        {
            return Found(NameHint.FirstName);
        }

        if (Joined("lastname", "lname", "surname", "familyname", "maidenname"))
        {
            return Found(NameHint.LastName);
        }

        if (Joined("fullname", "cardholder", "accountholder", "holdername", "contactname", "billingname", "customername", "payername",
                "recipientname", "shippingname", "personname", "patientname", "employeename", "ownername")
            || (Has("name") && Has("billing", "contact", "holder", "customer", "payer", "recipient", "shipping", "person", "patient", "employee", "owner", "legal")))
        {
            return Found(NameHint.FullName);
        }

        if (Has("username", "login", "handle", "nickname", "nick") || Joined("username", "userlogin", "screenname"))
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

        if (Has("postcode", "zip", "zipcode", "postal", "postalcode") || Joined("postalcode", "zipcode", "postcode"))
        {
            return Found(NameHint.PostCode);
        }

        if (Has("city", "town", "municipality"))
        {
            return Found(NameHint.City);
        }

        if (Has("address2") || Joined("addressline2", "line2", "apartment", "suite"))
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
