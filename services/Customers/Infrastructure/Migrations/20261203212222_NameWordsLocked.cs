using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class NameWordsLocked : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A lock per word makes the dictionary race-free. Forgetting locks the word (FOR UPDATE) before a new statement,
            // with a fresh snapshot, looks for customers still having it, so it sees every writer that learned the word before
            // it took the lock. Learning share-locks the words it has (FOR KEY SHARE, no new row versions) before inserting the
            // missing ones, so a word forgotten meanwhile is inserted again. Both go in word order: no deadlock between them.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION customer_name_words_learn() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM customer_name_words dictionary
                    WHERE dictionary.word IN (SELECT unnest(new_customers.name_words) FROM new_customers)
                    ORDER BY dictionary.word FOR KEY SHARE;
                    INSERT INTO customer_name_words (word)
                    SELECT DISTINCT word FROM new_customers, unnest(new_customers.name_words) AS word
                    WHERE length(word) >= 3 ORDER BY word
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION customer_name_words_forget() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    gone text[];
                BEGIN
                    SELECT array_agg(word ORDER BY word) INTO gone FROM (
                        SELECT unnest(old_customers.name_words) AS word FROM old_customers
                        EXCEPT SELECT unnest(customers.name_words) FROM customers WHERE customers.id IN (SELECT id FROM old_customers)) words;
                    IF gone IS NULL THEN
                        RETURN NULL;
                    END IF;

                    PERFORM 1 FROM customer_name_words dictionary WHERE dictionary.word = ANY (gone) ORDER BY dictionary.word FOR UPDATE;
                    DELETE FROM customer_name_words dictionary
                    WHERE dictionary.word = ANY (gone)
                        AND NOT EXISTS (SELECT 1 FROM customers WHERE customers.name_words @> ARRAY[dictionary.word]);
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION customer_name_words_learn() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO customer_name_words (word)
                    SELECT DISTINCT word FROM new_customers, unnest(new_customers.name_words) AS word
                    WHERE length(word) >= 3 ORDER BY word
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION customer_name_words_forget() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_name_words dictionary
                    WHERE dictionary.word IN (
                            SELECT unnest(old_customers.name_words) FROM old_customers
                            EXCEPT SELECT unnest(customers.name_words) FROM customers WHERE customers.id IN (SELECT id FROM old_customers))
                        AND NOT EXISTS (SELECT 1 FROM customers WHERE customers.name_words @> ARRAY[dictionary.word]);
                    RETURN NULL;
                END $$;
                """);
        }
    }
}
