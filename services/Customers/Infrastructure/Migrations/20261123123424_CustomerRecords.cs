using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CustomerRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "address_city",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "address_country",
                table: "customers",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "address_postal_code",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "address_state",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "address_street",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "company_id",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "owner_id",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "customers",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateIndex(
                name: "ix_customers_company_id",
                table: "customers",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_created_at_id",
                table: "customers",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_name_id",
                table: "customers",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_owner_id",
                table: "customers",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tags",
                table: "customers",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.AddForeignKey(
                name: "fk_customers_customers_company_id",
                table: "customers",
                column: "company_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_customers_customers_company_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_company_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_created_at_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_name_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_owner_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tags",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "address_city",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "address_country",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "address_postal_code",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "address_state",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "address_street",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "company_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "owner_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "customers");
        }
    }
}
