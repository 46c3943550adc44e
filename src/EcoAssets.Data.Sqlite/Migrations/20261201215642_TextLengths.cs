using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoAssets.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TextLengths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite columns are TEXT whatever their declared length, so the new lengths change no table here; they
            // are in the model (and this migration's snapshot), enforced by the API, and made columns on SQL Server.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
