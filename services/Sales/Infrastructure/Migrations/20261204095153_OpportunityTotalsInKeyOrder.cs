using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Sales.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OpportunityTotalsInKeyOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The row triggers took a deal's old totals away before adding its new ones: two opposite moves between the
            // same two stages took the same rows in opposite orders and deadlocked.
            migrationBuilder.Sql("""
                DROP TRIGGER opportunities_totals ON opportunities;
                DROP TRIGGER opportunities_totals_update ON opportunities;
                DROP FUNCTION sales_opportunity_totals();
                DROP FUNCTION sales_count_opportunity(opportunities, integer);

                -- Takes deals' contributions away from both totals tables and adds others. Whatever order the deals come in, the
                -- rows are locked in key order: the board's totals, then the deals' stages, then the forecast's totals. So two
                -- writers moving deals in opposite directions (a deal to stage B while another goes to stage A) wait for each other
                -- instead of deadlocking.
                CREATE FUNCTION sales_count_opportunities(taken_away opportunities[], added opportunities[]) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO opportunity_stage_totals AS total
                        (pipeline_id, stage_id, owner_id, currency, deal_count, amount, amount_at_stage_probability, amount_times_override)
                    SELECT (c.deal).pipeline_id, (c.deal).stage_id, (c.deal).owner_id, (c.deal).currency, sum(c.direction),
                        sum(c.direction * (c.deal).amount),
                        coalesce(sum(c.direction * (c.deal).amount) FILTER (WHERE (c.deal).probability_override IS NULL), 0),
                        sum(c.direction * (c.deal).amount * coalesce((c.deal).probability_override, 0))
                    FROM (SELECT d AS deal, -1 AS direction FROM unnest(taken_away) AS d
                          UNION ALL SELECT d, 1 FROM unnest(added) AS d) AS c
                    GROUP BY 1, 2, 3, 4
                    ORDER BY 1, 2, 3, 4
                    ON CONFLICT (pipeline_id, stage_id, owner_id, currency) DO UPDATE SET
                        deal_count = total.deal_count + excluded.deal_count,
                        amount = total.amount + excluded.amount,
                        amount_at_stage_probability = total.amount_at_stage_probability + excluded.amount_at_stage_probability,
                        amount_times_override = total.amount_times_override + excluded.amount_times_override;
                    DELETE FROM opportunity_stage_totals AS total
                    USING unnest(taken_away || added) AS d
                    WHERE total.pipeline_id = d.pipeline_id AND total.stage_id = d.stage_id AND total.owner_id = d.owner_id
                        AND total.currency = d.currency AND total.deal_count = 0;

                    -- FOR SHARE: a concurrent change of a stage's probability or category waits for this transaction (and then counts
                    -- these deals again), or this one waits for it and reads the new values.
                    PERFORM FROM stages
                    WHERE id IN (SELECT d.stage_id FROM unnest(taken_away || added) AS d WHERE d.status IN ('Open', 'Won'))
                    ORDER BY id
                    FOR SHARE;

                    -- Once under the deal's pipeline and once under all pipelines together (the nil id).
                    INSERT INTO opportunity_month_totals AS total
                        (pipeline_id, month, currency, owner_id, forecast_category, status, deal_count, amount, amount_times_probability)
                    SELECT counted.pipeline_id, sales_totals_month((c.deal).status, (c.deal).expected_close_date, (c.deal).won_at),
                        (c.deal).currency, (c.deal).owner_id, s.forecast_category, (c.deal).status, sum(c.direction),
                        sum(c.direction * (c.deal).amount),
                        sum(c.direction * (c.deal).amount * coalesce((c.deal).probability_override, s.probability))
                    FROM (SELECT d AS deal, -1 AS direction FROM unnest(taken_away) AS d
                          UNION ALL SELECT d, 1 FROM unnest(added) AS d) AS c
                    JOIN stages AS s ON s.id = (c.deal).stage_id
                    CROSS JOIN LATERAL (VALUES ((c.deal).pipeline_id), ('00000000-0000-0000-0000-000000000000'::uuid)) AS counted (pipeline_id)
                    WHERE (c.deal).status IN ('Open', 'Won')
                    GROUP BY 1, 2, 3, 4, 5, 6
                    ORDER BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (pipeline_id, month, currency, owner_id, forecast_category, status) DO UPDATE SET
                        deal_count = total.deal_count + excluded.deal_count,
                        amount = total.amount + excluded.amount,
                        amount_times_probability = total.amount_times_probability + excluded.amount_times_probability;
                    DELETE FROM opportunity_month_totals AS total
                    USING unnest(taken_away || added) AS d
                    JOIN stages AS s ON s.id = d.stage_id
                    CROSS JOIN LATERAL (VALUES (d.pipeline_id), ('00000000-0000-0000-0000-000000000000'::uuid)) AS counted (pipeline_id)
                    WHERE total.pipeline_id = counted.pipeline_id AND total.month = sales_totals_month(d.status, d.expected_close_date, d.won_at)
                        AND total.currency = d.currency AND total.owner_id = d.owner_id AND total.forecast_category = s.forecast_category
                        AND total.status = d.status AND total.deal_count = 0;
                END $$;

                CREATE FUNCTION sales_opportunities_inserted() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM sales_count_opportunities('{}', ARRAY(SELECT ROW(n.*)::opportunities FROM new_deals AS n));
                    RETURN NULL;
                END $$;

                CREATE FUNCTION sales_opportunities_updated() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    before_change opportunities[];
                    after_change opportunities[];
                BEGIN
                    -- Renames, notes and the like leave the totals alone.
                    SELECT array_agg(ROW(o.*)::opportunities), array_agg(ROW(n.*)::opportunities) INTO before_change, after_change
                    FROM old_deals AS o JOIN new_deals AS n ON n.id = o.id
                    WHERE (o.pipeline_id, o.stage_id, o.owner_id, o.currency, o.status, o.amount, o.probability_override, o.expected_close_date, o.won_at)
                        IS DISTINCT FROM
                        (n.pipeline_id, n.stage_id, n.owner_id, n.currency, n.status, n.amount, n.probability_override, n.expected_close_date, n.won_at);
                    IF before_change IS NOT NULL THEN
                        PERFORM sales_count_opportunities(before_change, after_change);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION sales_opportunities_deleted() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM sales_count_opportunities(ARRAY(SELECT ROW(o.*)::opportunities FROM old_deals AS o), '{}');
                    RETURN NULL;
                END $$;

                -- One statement's deals at once (a bulk update or a COPY as one sum per totals row), through transition tables.
                CREATE TRIGGER opportunities_totals_inserted AFTER INSERT ON opportunities
                REFERENCING NEW TABLE AS new_deals
                FOR EACH STATEMENT EXECUTE FUNCTION sales_opportunities_inserted();

                CREATE TRIGGER opportunities_totals_updated AFTER UPDATE ON opportunities
                REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals
                FOR EACH STATEMENT EXECUTE FUNCTION sales_opportunities_updated();

                CREATE TRIGGER opportunities_totals_deleted AFTER DELETE ON opportunities
                REFERENCING OLD TABLE AS old_deals
                FOR EACH STATEMENT EXECUTE FUNCTION sales_opportunities_deleted();

                -- The stage recount writes the forecast's rows in the same key order as the deals' writers.
                CREATE OR REPLACE FUNCTION sales_recount_stage() RETURNS trigger
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
                    ORDER BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (pipeline_id, month, currency, owner_id, forecast_category, status) DO UPDATE SET
                        deal_count = total.deal_count + excluded.deal_count,
                        amount = total.amount + excluded.amount,
                        amount_times_probability = total.amount_times_probability + excluded.amount_times_probability;
                    DELETE FROM opportunity_month_totals WHERE deal_count = 0;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER opportunities_totals_inserted ON opportunities;
                DROP TRIGGER opportunities_totals_updated ON opportunities;
                DROP TRIGGER opportunities_totals_deleted ON opportunities;
                DROP FUNCTION sales_opportunities_inserted();
                DROP FUNCTION sales_opportunities_updated();
                DROP FUNCTION sales_opportunities_deleted();
                DROP FUNCTION sales_count_opportunities(opportunities[], opportunities[]);

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

                CREATE OR REPLACE FUNCTION sales_recount_stage() RETURNS trigger
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
                """);
        }
    }
}
