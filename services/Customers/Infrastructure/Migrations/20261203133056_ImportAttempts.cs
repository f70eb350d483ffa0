using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ImportAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "import_jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "import_jobs",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attempts",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "import_jobs");
        }
    }
}
