using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// A trigram full-text index of the customers' store names, owners and addresses (SQLite FTS5), so that a
    /// search for any three or more characters reads the index instead of every customer (decision 015). The
    /// index mirrors <c>Customers</c> through triggers. A later migration that rebuilds <c>Customers</c> (EF
    /// Core's way of altering a SQLite table) drops these triggers with the table: it must create them again,
    /// which the customer search tests would notice.
    /// </summary>
    public partial class CustomerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE CustomerSearch USING fts5(StoreName, Owner, Address, content='Customers', content_rowid='Id', tokenize='trigram');");
            migrationBuilder.Sql("""
                CREATE TRIGGER Customers_Search_Insert AFTER INSERT ON Customers BEGIN
                    INSERT INTO CustomerSearch(rowid, StoreName, Owner, Address) VALUES (new.Id, new.StoreName, new.Owner, new.Address);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Customers_Search_Delete AFTER DELETE ON Customers BEGIN
                    INSERT INTO CustomerSearch(CustomerSearch, rowid, StoreName, Owner, Address) VALUES ('delete', old.Id, old.StoreName, old.Owner, old.Address);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Customers_Search_Update AFTER UPDATE OF StoreName, Owner, Address ON Customers BEGIN
                    INSERT INTO CustomerSearch(CustomerSearch, rowid, StoreName, Owner, Address) VALUES ('delete', old.Id, old.StoreName, old.Owner, old.Address);
                    INSERT INTO CustomerSearch(rowid, StoreName, Owner, Address) VALUES (new.Id, new.StoreName, new.Owner, new.Address);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO CustomerSearch(CustomerSearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Customers_Search_Update;");
            migrationBuilder.Sql("DROP TRIGGER Customers_Search_Delete;");
            migrationBuilder.Sql("DROP TRIGGER Customers_Search_Insert;");
            migrationBuilder.Sql("DROP TABLE CustomerSearch;");
        }
    }
}
