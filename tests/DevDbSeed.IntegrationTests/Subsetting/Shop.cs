namespace DevDbSeed.IntegrationTests.Subsetting;

/// <summary>
/// A small hand-made shop whose subsets are counted by hand. With <see cref="UsersUpTo4"/> (users 1 to 4 as start rows):
/// <list type="bullet">
/// <item>users 1-4 reach down: their orders 1-4 and 21-24, and order 30 through its gift key (a gift for user 3); the
/// items (2 each), shipments (composite key to an item) and invoices (another schema) of those 9 orders; their 8 events
/// (partitioned, 4 in each year) with one note each (a composite key into the partitioned table); employee 1 (user 2)
/// and, down the manager key, employees 2 and 3, 4, then 5; reviews 1-4 (review i is user i's, by a nullable key).</item>
/// <item>then up: order 1's gift is for user 9, order 30 is user 10's; employees 2-5 are users 12-15; employee 1's
/// manager is employee 6 (user 16), whose own reports 7-10 are not reached (up does not go down again). Users: 1-4, 9,
/// 10, 12-16 = 11.</item>
/// <item>copied whole: geo.countries (users reference them, no start table reaches them), geo.regions (referencing
/// countries only), settings and page_views (no key at all).</item>
/// <item>audit_log references users but the rules empty it: no row.</item>
/// </list>
/// </summary>
public static class Shop
{
    /// <summary>The start rows most tests use: <c>public.users: { where: "id &lt;= 4" }</c> as the entry of <c>subset:</c>.</summary>
    public const string UsersUpTo4 = """  public.users: { where: "id <= 4" }""";

    public const string Schema = """
        CREATE SCHEMA geo;
        CREATE SCHEMA billing;
        CREATE TABLE geo.countries (id int PRIMARY KEY, name text NOT NULL);
        INSERT INTO geo.countries SELECT i, 'Country ' || i FROM generate_series(1, 5) i;
        CREATE TABLE geo.regions (id int PRIMARY KEY, country_id int NOT NULL REFERENCES geo.countries);
        INSERT INTO geo.regions SELECT i, 1 + i % 5 FROM generate_series(1, 10) i;
        CREATE TABLE settings (key text PRIMARY KEY, value text);
        INSERT INTO settings VALUES ('theme', 'dark'), ('locale', 'en'), ('tz', 'UTC');
        CREATE TABLE page_views (id int PRIMARY KEY, path text NOT NULL);
        INSERT INTO page_views SELECT i, '/page/' || i FROM generate_series(1, 1000) i;
        CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL UNIQUE, country_id int NOT NULL REFERENCES geo.countries);
        INSERT INTO users SELECT i, 'shopper' || i || '@shop.example', 1 + i % 5 FROM generate_series(1, 20) i;
        CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, gift_for_user_id int REFERENCES users);
        INSERT INTO orders SELECT i, 1 + (i - 1) % 20, CASE i WHEN 1 THEN 9 WHEN 30 THEN 3 END FROM generate_series(1, 40) i;
        CREATE TABLE order_items (order_id int NOT NULL REFERENCES orders, line_no int NOT NULL, sku text NOT NULL, PRIMARY KEY (order_id, line_no));
        INSERT INTO order_items SELECT o, l, 'SKU-' || o || '-' || l FROM generate_series(1, 40) o, generate_series(1, 2) l;
        CREATE TABLE shipments (id int PRIMARY KEY, order_id int NOT NULL, line_no int NOT NULL,
            FOREIGN KEY (order_id, line_no) REFERENCES order_items (order_id, line_no));
        INSERT INTO shipments SELECT o, o, 1 FROM generate_series(1, 40) o;
        CREATE TABLE billing.invoices (id int PRIMARY KEY, order_id int NOT NULL REFERENCES public.orders);
        INSERT INTO billing.invoices SELECT 100 + o, o FROM generate_series(1, 40) o;
        CREATE TABLE employees (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, manager_id int REFERENCES employees);
        INSERT INTO employees VALUES (6, 16, NULL), (1, 2, 6), (2, 12, 1), (3, 13, 1), (4, 14, 2), (5, 15, 4),
            (7, 17, 6), (8, 18, 6), (9, 19, 6), (10, 20, 6);
        CREATE TABLE events (id int NOT NULL, user_id int NOT NULL REFERENCES users, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        INSERT INTO events SELECT i, 1 + (i - 1) % 20, CASE WHEN i % 2 = 1 THEN date '2024-06-01' ELSE date '2025-06-01' END FROM generate_series(1, 40) i;
        CREATE TABLE event_notes (id int PRIMARY KEY, event_id int NOT NULL, event_at date NOT NULL, FOREIGN KEY (event_id, event_at) REFERENCES events (id, at));
        INSERT INTO event_notes SELECT id, id, at FROM events;
        CREATE TABLE reviews (id int PRIMARY KEY, user_id int REFERENCES users, stars int NOT NULL);
        INSERT INTO reviews SELECT i, i, 1 + i % 5 FROM generate_series(1, 10) i;
        CREATE TABLE audit_log (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, note text);
        INSERT INTO audit_log SELECT i, 17 + i % 4, 'note ' || i FROM generate_series(1, 20) i;
        ANALYZE;
        """;

    public const string Rules = """
        version: 1
        tables:
          geo.countries: keep
          geo.regions: keep
          public.settings: keep
          public.page_views: keep
          public.users:
            columns:
              id: keep
              email: { fake: internet.email, unique: true }
              country_id: keep
          public.orders: keep
          public.order_items: keep
          public.shipments: keep
          billing.invoices: keep
          public.employees: keep
          public.events: keep
          public.event_notes: keep
          public.reviews: keep
          public.audit_log: empty
        """;

    /// <summary>Every table holding rows, as the tests count them.</summary>
    public static readonly string[] Tables =
    [
        "geo.countries", "geo.regions", "public.settings", "public.page_views", "public.users", "public.orders", "public.order_items",
        "public.shipments", "billing.invoices", "public.employees", "public.events_2024", "public.events_2025", "public.event_notes", "public.reviews",
        "public.audit_log",
    ];

    /// <summary>A fixture whose source is the shop.</summary>
    public abstract class Source : SubsetSource
    {
        protected override async Task<string> CreateSourceAsync()
        {
            Pipelines.Write("rules.yaml", Rules);
            return await Databases.CreateAsync("shop", Schema);
        }
    }
}
