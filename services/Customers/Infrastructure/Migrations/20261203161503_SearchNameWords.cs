using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SearchNameWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One definition of a name's words for the stored column, the dictionary and the typed search text alike: lower-cased
            // by PostgreSQL and split at spaces and punctuation.
            migrationBuilder.Sql("""
                CREATE FUNCTION customer_name_words(name text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                RETURN array_remove(regexp_split_to_array(lower(name), '[[:space:][:punct:]]+'), '');
                """);

            migrationBuilder.AddColumn<List<string>>(
                name: "name_words",
                table: "customers",
                type: "text[]",
                nullable: false,
                computedColumnSql: "customer_name_words(name)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "customer_name_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_name_words", x => x.word);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_name_words",
                table: "customers",
                column: "name_words")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_customer_name_words_trgm",
                table: "customer_name_words",
                column: "word")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // The dictionary of name words (CustomerSearch corrects typed words of 3 letters or more against it). Statement
            // triggers keep it: one insert per statement, so an import's COPY of a batch adds its new words at once (in word
            // order, so concurrent writers cannot deadlock); a word no customer has any more is removed when a name changes,
            // a customer is erased or deleted, so an erased name leaves nothing behind.
            migrationBuilder.Sql("""
                INSERT INTO customer_name_words (word)
                SELECT DISTINCT word FROM customers, unnest(name_words) AS word WHERE length(word) >= 3;

                CREATE FUNCTION customer_name_words_learn() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO customer_name_words (word)
                    SELECT DISTINCT word FROM new_customers, unnest(new_customers.name_words) AS word
                    WHERE length(word) >= 3 ORDER BY word
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION customer_name_words_forget() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_name_words dictionary
                    WHERE dictionary.word IN (
                            SELECT unnest(old_customers.name_words) FROM old_customers
                            EXCEPT SELECT unnest(customers.name_words) FROM customers WHERE customers.id IN (SELECT id FROM old_customers))
                        AND NOT EXISTS (SELECT 1 FROM customers WHERE customers.name_words @> ARRAY[dictionary.word]);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER customers_name_words_inserted AFTER INSERT ON customers
                    REFERENCING NEW TABLE AS new_customers FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_learn();
                CREATE TRIGGER customers_name_words_updated AFTER UPDATE ON customers
                    REFERENCING NEW TABLE AS new_customers FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_learn();
                CREATE TRIGGER customers_name_words_renamed AFTER UPDATE ON customers
                    REFERENCING OLD TABLE AS old_customers FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_forget();
                CREATE TRIGGER customers_name_words_deleted AFTER DELETE ON customers
                    REFERENCING OLD TABLE AS old_customers FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_forget();
                """);

            // Adding the stored column rewrote the table without statistics on it; the search's plans need them at once.
            migrationBuilder.Sql("ANALYZE customers; ANALYZE customer_name_words;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER customers_name_words_inserted ON customers;
                DROP TRIGGER customers_name_words_updated ON customers;
                DROP TRIGGER customers_name_words_renamed ON customers;
                DROP TRIGGER customers_name_words_deleted ON customers;
                DROP FUNCTION customer_name_words_learn();
                DROP FUNCTION customer_name_words_forget();
                """);

            migrationBuilder.DropTable(
                name: "customer_name_words");

            migrationBuilder.DropIndex(
                name: "ix_customers_name_words",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "name_words",
                table: "customers");

            migrationBuilder.Sql("DROP FUNCTION customer_name_words(text);");
        }
    }
}
