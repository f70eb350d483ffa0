using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RankedSearchAndValueOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customer_values_grade",
                table: "customer_values");

            migrationBuilder.DropIndex(
                name: "ix_customer_values_lifecycle",
                table: "customer_values");

            migrationBuilder.DropIndex(
                name: "ix_customer_values_tier",
                table: "customer_values");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "customer_created_at",
                table: "customer_values",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.Sql(
                "UPDATE customer_values v SET customer_created_at = c.created_at FROM customers c WHERE c.id = v.customer_id;");
            // The default only filled existing rows; a writer that forgets the column must fail, not sort the customer first.
            migrationBuilder.Sql("ALTER TABLE customer_values ALTER COLUMN customer_created_at DROP DEFAULT;");

            // The search's exact and starts-with ranks (CustomerSearch); EF Core's model cannot declare an index on an expression.
            migrationBuilder.Sql("CREATE INDEX ix_customers_name_lower ON customers (lower(name) text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_customers_email_lower ON customers (lower(email) text_pattern_ops);");

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_grade_customer_created_at_customer_id",
                table: "customer_values",
                columns: new[] { "grade", "customer_created_at", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_lifecycle_customer_created_at_customer_id",
                table: "customer_values",
                columns: new[] { "lifecycle", "customer_created_at", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_tier_customer_created_at_customer_id",
                table: "customer_values",
                columns: new[] { "tier", "customer_created_at", "customer_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_customers_email_lower;");
            migrationBuilder.Sql("DROP INDEX ix_customers_name_lower;");

            migrationBuilder.DropIndex(
                name: "ix_customer_values_grade_customer_created_at_customer_id",
                table: "customer_values");

            migrationBuilder.DropIndex(
                name: "ix_customer_values_lifecycle_customer_created_at_customer_id",
                table: "customer_values");

            migrationBuilder.DropIndex(
                name: "ix_customer_values_tier_customer_created_at_customer_id",
                table: "customer_values");

            migrationBuilder.DropColumn(
                name: "customer_created_at",
                table: "customer_values");

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_grade",
                table: "customer_values",
                column: "grade");

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_lifecycle",
                table: "customer_values",
                column: "lifecycle");

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_tier",
                table: "customer_values",
                column: "tier");
        }
    }
}
