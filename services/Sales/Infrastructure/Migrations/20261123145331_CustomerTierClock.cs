using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Sales.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CustomerTierClock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "tier_changed_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "tier_changed_at",
                table: "customers");
        }
    }
}
