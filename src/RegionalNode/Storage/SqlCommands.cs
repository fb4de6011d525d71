using System.Data;
using System.Data.Common;

namespace Regional.Node.Storage;

/// <summary>Parameters declared once on a prepared command, the same way for every engine (ADO.NET's
/// <see cref="DbType"/>): the feature stores' SQL is one text for SQLite and PostgreSQL.</summary>
internal static class SqlCommands
{
    /// <summary>Declares a parameter (<c>@name</c> in the SQL) whose value is set before each execution.</summary>
    public static void Declare(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
    }
}
