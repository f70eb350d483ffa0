using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ImportFewerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The text_pattern_ops indexes on the same expressions (RankedSearchAndValueOrder) serve equality as well, so
            // these two only made every insert and every name or e-mail change write two more index entries.
            migrationBuilder.Sql("DROP INDEX ix_customers_lower_email;");
            migrationBuilder.Sql("DROP INDEX ix_customers_lower_name;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_customers_lower_email ON customers (lower(email));");
            migrationBuilder.Sql("CREATE INDEX ix_customers_lower_name ON customers (lower(name));");
        }
    }
}
