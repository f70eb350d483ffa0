using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Support.Infrastructure.Migrations
{
    /// <summary>
    /// The roll-up's rows are changed at commit, in key order, instead of at each ticket write. A transaction that writes
    /// several tickets (a timer batch, a re-plan batch, a care-plan round, an erasure) used to lock the day and month rows
    /// of each ticket in turn, so two of them, or one and a single ticket's write, could take the same hot rows (everyone's
    /// today and this month per category) in opposite orders and deadlock. Now each write only queues its facts; a deferred
    /// trigger merges the transaction's facts in one statement that locks rows in key order, and holds them only for
    /// the rest of the commit.
    /// </summary>
    public partial class RollUpAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE ticket_figure_changes (
                    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
                    facts ticket_figure_fact[] NOT NULL);
                CREATE INDEX ix_ticket_figure_changes_transaction_id ON ticket_figure_changes (transaction_id);
                """);

            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION ticket_figures_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO ticket_figure_changes (facts) VALUES (ARRAY(
                        SELECT f FROM ticket_figure_facts(OLD, -1) f WHERE TG_OP <> 'INSERT'
                        UNION ALL
                        SELECT f FROM ticket_figure_facts(NEW, 1) f WHERE TG_OP <> 'DELETE'));
                    RETURN NULL;
                END
                $$;
                """);

            // Fires once per queued write at commit: the first call merges all of the transaction's facts, the others find none.
            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figures_apply_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    pending ticket_figure_fact[];
                BEGIN
                    WITH taken AS (DELETE FROM ticket_figure_changes WHERE transaction_id = pg_current_xact_id() RETURNING facts)
                    SELECT array_agg(f) INTO pending FROM taken CROSS JOIN LATERAL unnest(taken.facts) AS f;
                    IF pending IS NOT NULL THEN
                        PERFORM ticket_figures_merge(pending);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE CONSTRAINT TRIGGER ticket_figures_at_commit AFTER INSERT ON ticket_figure_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ticket_figures_apply_changes();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION ticket_figures_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM ticket_figures_merge(ARRAY(
                        SELECT f FROM ticket_figure_facts(OLD, -1) f WHERE TG_OP <> 'INSERT'
                        UNION ALL
                        SELECT f FROM ticket_figure_facts(NEW, 1) f WHERE TG_OP <> 'DELETE'));
                    RETURN NULL;
                END
                $$;
                DROP TRIGGER ticket_figures_at_commit ON ticket_figure_changes;
                DROP FUNCTION ticket_figures_apply_changes();
                DROP TABLE ticket_figure_changes;
                """);
        }
    }
}
