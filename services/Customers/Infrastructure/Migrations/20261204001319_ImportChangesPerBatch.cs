using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ImportChangesPerBatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One record per import batch for the customers it creates; an update stays one record with one customer.
            migrationBuilder.Sql("""
                ALTER TABLE import_changes ADD COLUMN customer_ids uuid[], ADD COLUMN rows integer[];
                UPDATE import_changes SET customer_ids = ARRAY[customer_id], rows = ARRAY["row"];
                ALTER TABLE import_changes ALTER COLUMN customer_ids SET NOT NULL, ALTER COLUMN rows SET NOT NULL,
                    DROP COLUMN customer_id, DROP COLUMN "row";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one record per customer, numbered so that a revert still takes them newest first.
            migrationBuilder.Sql("""
                ALTER TABLE import_changes ADD COLUMN customer_id uuid, ADD COLUMN "row" integer,
                    ALTER COLUMN customer_ids DROP NOT NULL, ALTER COLUMN rows DROP NOT NULL;
                INSERT INTO import_changes (id, job_id, customer_id, "row", was_created, before, revision_after, reverted) OVERRIDING SYSTEM VALUE
                SELECT change.id * 4096 + each.n, change.job_id, each.customer_id, each."row", change.was_created, change.before, change.revision_after,
                    change.reverted
                FROM import_changes change, unnest(change.customer_ids, change.rows) WITH ORDINALITY AS each(customer_id, "row", n);
                DELETE FROM import_changes WHERE customer_id IS NULL;
                ALTER TABLE import_changes ALTER COLUMN customer_id SET NOT NULL, ALTER COLUMN "row" SET NOT NULL,
                    DROP COLUMN customer_ids, DROP COLUMN rows;
                SELECT setval(pg_get_serial_sequence('import_changes', 'id'), coalesce(max(id), 1)) FROM import_changes;
                """);
        }
    }
}
