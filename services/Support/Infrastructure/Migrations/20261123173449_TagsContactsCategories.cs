using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Crm.Support.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TagsContactsCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "contact_id",
                table: "tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "tickets",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<Guid>(
                name: "company_id",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "customers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ticket_categories",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_categories", x => x.key);
                });

            migrationBuilder.InsertData(
                table: "ticket_categories",
                columns: new[] { "key", "created_at", "is_active", "name", "updated_at" },
                values: new object[,]
                {
                    { "Complaint", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), true, "Complaint", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "Incident", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), true, "Incident", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "Question", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), true, "Question", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "ServiceRequest", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), true, "Service request", new DateTimeOffset(new DateTime(2026, 11, 24, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            // Keys differ in more than letter case: a request naming "complaint" finds exactly one category.
            migrationBuilder.Sql("CREATE UNIQUE INDEX ix_ticket_categories_key_lower ON ticket_categories (lower(key));");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_category",
                table: "tickets",
                column: "category");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_contact_id",
                table: "tickets",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_tags",
                table: "tickets",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_category",
                table: "satisfaction_surveys",
                column: "category");

            migrationBuilder.CreateIndex(
                name: "ix_customers_company_id",
                table: "customers",
                column: "company_id");

            migrationBuilder.AddForeignKey(
                name: "fk_assignment_rules_ticket_categories_category",
                table: "assignment_rules",
                column: "category",
                principalTable: "ticket_categories",
                principalColumn: "key",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_satisfaction_surveys_ticket_categories_category",
                table: "satisfaction_surveys",
                column: "category",
                principalTable: "ticket_categories",
                principalColumn: "key",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_tickets_ticket_categories_category",
                table: "tickets",
                column: "category",
                principalTable: "ticket_categories",
                principalColumn: "key",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_assignment_rules_ticket_categories_category",
                table: "assignment_rules");

            migrationBuilder.DropForeignKey(
                name: "fk_satisfaction_surveys_ticket_categories_category",
                table: "satisfaction_surveys");

            migrationBuilder.DropForeignKey(
                name: "fk_tickets_ticket_categories_category",
                table: "tickets");

            migrationBuilder.DropTable(
                name: "ticket_categories");

            migrationBuilder.DropIndex(
                name: "ix_tickets_category",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_contact_id",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_tags",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_satisfaction_surveys_category",
                table: "satisfaction_surveys");

            migrationBuilder.DropIndex(
                name: "ix_customers_company_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "contact_id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "company_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "customers");
        }
    }
}
