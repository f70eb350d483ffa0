using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Sales.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OpportunityTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "opportunity_month_totals",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    forecast_category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    deal_count = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric", nullable: false),
                    amount_times_probability = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunity_month_totals", x => new { x.pipeline_id, x.month, x.currency, x.owner_id, x.forecast_category, x.status });
                });

            migrationBuilder.CreateTable(
                name: "opportunity_stage_totals",
                columns: table => new
                {
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    deal_count = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric", nullable: false),
                    amount_at_stage_probability = table.Column<decimal>(type: "numeric", nullable: false),
                    amount_times_override = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunity_stage_totals", x => new { x.pipeline_id, x.stage_id, x.owner_id, x.currency });
                });

            // Kept by the database itself, in the transaction of every write to a deal (EF Core, bulk statements, COPY,
            // merges and erasure alike), so the board and the forecast read pre-summed rows instead of every deal.
            migrationBuilder.Sql("""
                CREATE FUNCTION sales_totals_month(status varchar, expected_close_date date, won_at timestamptz) RETURNS date
                LANGUAGE sql IMMUTABLE AS $$
                    -- Won deals count in the UTC month they were won, the others in their expected close month.
                    SELECT day - extract(day FROM day)::int + 1
                    FROM (SELECT CASE WHEN status = 'Won' THEN (won_at AT TIME ZONE 'UTC')::date ELSE expected_close_date END AS day) AS counted
                $$;

                CREATE FUNCTION sales_count_opportunity(deal opportunities, direction integer) RETURNS void
                LANGUAGE plpgsql AS $$
                DECLARE
                    stage_probability integer;
                    stage_category varchar(16);
                    counted_pipeline uuid;
                BEGIN
                    INSERT INTO opportunity_stage_totals AS total
                        (pipeline_id, stage_id, owner_id, currency, deal_count, amount, amount_at_stage_probability, amount_times_override)
                    VALUES (deal.pipeline_id, deal.stage_id, deal.owner_id, deal.currency, direction, direction * deal.amount,
                        CASE WHEN deal.probability_override IS NULL THEN direction * deal.amount ELSE 0 END,
                        direction * deal.amount * coalesce(deal.probability_override, 0))
                    ON CONFLICT (pipeline_id, stage_id, owner_id, currency) DO UPDATE SET
                        deal_count = total.deal_count + excluded.deal_count,
                        amount = total.amount + excluded.amount,
                        amount_at_stage_probability = total.amount_at_stage_probability + excluded.amount_at_stage_probability,
                        amount_times_override = total.amount_times_override + excluded.amount_times_override;
                    DELETE FROM opportunity_stage_totals
                    WHERE pipeline_id = deal.pipeline_id AND stage_id = deal.stage_id AND owner_id = deal.owner_id
                        AND currency = deal.currency AND deal_count = 0;

                    IF deal.status NOT IN ('Open', 'Won') THEN
                        RETURN;
                    END IF;

                    -- FOR SHARE: a concurrent change of the stage's probability or category waits for this transaction (and
                    -- then counts this deal again), or this one waits for it and reads the new values.
                    SELECT probability, forecast_category INTO stage_probability, stage_category
                    FROM stages WHERE id = deal.stage_id FOR SHARE;
                    -- Once under the deal's pipeline and once under all pipelines together (the nil id).
                    FOREACH counted_pipeline IN ARRAY ARRAY[deal.pipeline_id, '00000000-0000-0000-0000-000000000000'::uuid] LOOP
                        INSERT INTO opportunity_month_totals AS total
                            (pipeline_id, month, currency, owner_id, forecast_category, status, deal_count, amount, amount_times_probability)
                        VALUES (counted_pipeline, sales_totals_month(deal.status, deal.expected_close_date, deal.won_at), deal.currency,
                            deal.owner_id, stage_category, deal.status, direction, direction * deal.amount,
                            direction * deal.amount * coalesce(deal.probability_override, stage_probability))
                        ON CONFLICT (pipeline_id, month, currency, owner_id, forecast_category, status) DO UPDATE SET
                            deal_count = total.deal_count + excluded.deal_count,
                            amount = total.amount + excluded.amount,
                            amount_times_probability = total.amount_times_probability + excluded.amount_times_probability;
                        DELETE FROM opportunity_month_totals
                        WHERE pipeline_id = counted_pipeline AND month = sales_totals_month(deal.status, deal.expected_close_date, deal.won_at)
                            AND currency = deal.currency AND owner_id = deal.owner_id AND forecast_category = stage_category
                            AND status = deal.status AND deal_count = 0;
                    END LOOP;
                END $$;

                CREATE FUNCTION sales_opportunity_totals() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        PERFORM sales_count_opportunity(OLD, -1);
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        PERFORM sales_count_opportunity(NEW, 1);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER opportunities_totals AFTER INSERT OR DELETE ON opportunities
                FOR EACH ROW EXECUTE FUNCTION sales_opportunity_totals();

                -- Renames, notes and the like leave the totals alone.
                CREATE TRIGGER opportunities_totals_update AFTER UPDATE ON opportunities
                FOR EACH ROW WHEN (
                    (OLD.pipeline_id, OLD.stage_id, OLD.owner_id, OLD.currency, OLD.status, OLD.amount, OLD.probability_override, OLD.expected_close_date, OLD.won_at)
                    IS DISTINCT FROM
                    (NEW.pipeline_id, NEW.stage_id, NEW.owner_id, NEW.currency, NEW.status, NEW.amount, NEW.probability_override, NEW.expected_close_date, NEW.won_at))
                EXECUTE FUNCTION sales_opportunity_totals();

                CREATE FUNCTION sales_truncate_opportunity_totals() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE opportunity_stage_totals, opportunity_month_totals;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER opportunities_totals_truncate AFTER TRUNCATE ON opportunities
                FOR EACH STATEMENT EXECUTE FUNCTION sales_truncate_opportunity_totals();

                -- The month totals hold each deal's category and weighted amount as its stage had them: a stage given
                -- another probability or category counts its deals again (taken away with the old values, added with the new).
                CREATE FUNCTION sales_recount_stage() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO opportunity_month_totals AS total
                        (pipeline_id, month, currency, owner_id, forecast_category, status, deal_count, amount, amount_times_probability)
                    SELECT counted.pipeline_id, change.month, change.currency, change.owner_id, change.forecast_category, change.status,
                        sum(change.deal_count), sum(change.amount), sum(change.amount_times_probability)
                    FROM (
                        SELECT o.pipeline_id, sales_totals_month(o.status, o.expected_close_date, o.won_at) AS month, o.currency, o.owner_id,
                            OLD.forecast_category AS forecast_category, o.status, -1 AS deal_count, -o.amount AS amount,
                            -o.amount * coalesce(o.probability_override, OLD.probability) AS amount_times_probability
                        FROM opportunities AS o WHERE o.stage_id = NEW.id AND o.status IN ('Open', 'Won')
                        UNION ALL
                        SELECT o.pipeline_id, sales_totals_month(o.status, o.expected_close_date, o.won_at), o.currency, o.owner_id,
                            NEW.forecast_category, o.status, 1, o.amount, o.amount * coalesce(o.probability_override, NEW.probability)
                        FROM opportunities AS o WHERE o.stage_id = NEW.id AND o.status IN ('Open', 'Won')
                    ) AS change
                    CROSS JOIN LATERAL (VALUES (change.pipeline_id), ('00000000-0000-0000-0000-000000000000'::uuid)) AS counted (pipeline_id)
                    GROUP BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (pipeline_id, month, currency, owner_id, forecast_category, status) DO UPDATE SET
                        deal_count = total.deal_count + excluded.deal_count,
                        amount = total.amount + excluded.amount,
                        amount_times_probability = total.amount_times_probability + excluded.amount_times_probability;
                    DELETE FROM opportunity_month_totals WHERE deal_count = 0;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER stages_totals AFTER UPDATE OF probability, forecast_category ON stages
                FOR EACH ROW WHEN (OLD.probability IS DISTINCT FROM NEW.probability OR OLD.forecast_category IS DISTINCT FROM NEW.forecast_category)
                EXECUTE FUNCTION sales_recount_stage();

                -- Sums every deal afresh: fills the tables here, and lets an operator (or a bulk load with the triggers
                -- disabled) put them right in one statement.
                CREATE FUNCTION sales_rebuild_opportunity_totals() RETURNS void
                LANGUAGE sql AS $$
                    LOCK TABLE opportunities, stages IN SHARE MODE;
                    DELETE FROM opportunity_stage_totals;
                    DELETE FROM opportunity_month_totals;
                    INSERT INTO opportunity_stage_totals
                        (pipeline_id, stage_id, owner_id, currency, deal_count, amount, amount_at_stage_probability, amount_times_override)
                    SELECT pipeline_id, stage_id, owner_id, currency, count(*), sum(amount),
                        coalesce(sum(amount) FILTER (WHERE probability_override IS NULL), 0), sum(amount * coalesce(probability_override, 0))
                    FROM opportunities
                    GROUP BY pipeline_id, stage_id, owner_id, currency;
                    INSERT INTO opportunity_month_totals
                        (pipeline_id, month, currency, owner_id, forecast_category, status, deal_count, amount, amount_times_probability)
                    SELECT counted.pipeline_id, sales_totals_month(o.status, o.expected_close_date, o.won_at), o.currency, o.owner_id,
                        s.forecast_category, o.status, count(*), sum(o.amount), sum(o.amount * coalesce(o.probability_override, s.probability))
                    FROM opportunities AS o JOIN stages AS s ON s.id = o.stage_id
                    CROSS JOIN LATERAL (VALUES (o.pipeline_id), ('00000000-0000-0000-0000-000000000000'::uuid)) AS counted (pipeline_id)
                    WHERE o.status IN ('Open', 'Won')
                    GROUP BY 1, 2, 3, 4, 5, 6;
                $$;

                SELECT sales_rebuild_opportunity_totals();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER stages_totals ON stages;
                DROP TRIGGER opportunities_totals_truncate ON opportunities;
                DROP TRIGGER opportunities_totals_update ON opportunities;
                DROP TRIGGER opportunities_totals ON opportunities;
                DROP FUNCTION sales_rebuild_opportunity_totals();
                DROP FUNCTION sales_recount_stage();
                DROP FUNCTION sales_truncate_opportunity_totals();
                DROP FUNCTION sales_opportunity_totals();
                DROP FUNCTION sales_count_opportunity(opportunities, integer);
                DROP FUNCTION sales_totals_month(varchar, date, timestamptz);
                """);

            migrationBuilder.DropTable(
                name: "opportunity_month_totals");

            migrationBuilder.DropTable(
                name: "opportunity_stage_totals");
        }
    }
}
