using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CustomerValue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_values",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recency = table.Column<int>(type: "integer", nullable: false),
                    frequency = table.Column<int>(type: "integer", nullable: false),
                    monetary = table.Column<int>(type: "integer", nullable: false),
                    purchase_count = table.Column<int>(type: "integer", nullable: false),
                    total_spend = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    first_purchase_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_purchase_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lifetime_value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    activity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    lifecycle = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    churn_risk = table.Column<int>(type: "integer", nullable: false),
                    churn_reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_values", x => x.customer_id);
                    table.ForeignKey(
                        name: "fk_customer_values_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "value_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    rules = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_value_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "value_sweeps",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    processed = table.Column<long>(type: "bigint", nullable: false),
                    changed = table.Column<long>(type: "bigint", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lease_holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_value_sweeps", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "value_sweeps",
                columns: new[] { "id", "changed", "completed_at", "cursor", "lease_holder", "lease_until", "processed", "reason", "requested_at", "started_at" },
                values: new object[] { 1, 0L, null, null, null, null, 0L, null, null, null });

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_churn_risk",
                table: "customer_values",
                column: "churn_risk");

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_lifecycle",
                table: "customer_values",
                column: "lifecycle");

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_tier",
                table: "customer_values",
                column: "tier");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_values");

            migrationBuilder.DropTable(
                name: "value_rules");

            migrationBuilder.DropTable(
                name: "value_sweeps");
        }
    }
}
