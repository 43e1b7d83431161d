using System.Text;
using Chatt.ChatApi.Common;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// Turns a <see cref="Filter"/> tree into a parameterized SQL condition. Values never enter the SQL text.
/// <c>beginsWith</c>/<c>contains</c> are case-sensitive (as DynamoDB's were): they use substr/instr, not LIKE,
/// which would ignore ASCII case. A field the list does not have is BAD_USER_INPUT, never silently ignored.
/// </summary>
internal static class SqliteFilterSql
{
    // Bounds keep a hostile filter from building a huge statement (SQLite caps parameters and expression depth).
    private const int MaxDepth = 10;
    private const int MaxConditions = 100;

    /// <summary>Appends <c> AND (condition)</c> to <paramref name="sql"/> when there is a filter.</summary>
    public static void AppendWhere(StringBuilder sql, SqliteCommand command, Filter? filter, Func<FilterField, string?> columnOf)
    {
        if (filter is null)
        {
            return;
        }

        var conditions = 0;
        sql.Append(" AND (");
        Append(sql, command, filter, columnOf, depth: 0, ref conditions);
        sql.Append(')');
    }

    private static void Append(StringBuilder sql, SqliteCommand command, Filter filter, Func<FilterField, string?> columnOf, int depth, ref int conditions)
    {
        if (depth > MaxDepth)
        {
            throw ChatException.BadInput($"The filter is nested deeper than {MaxDepth} levels.");
        }

        switch (filter)
        {
            case AndFilter and:
                AppendGroup(sql, command, and.Filters, " AND ", "1", columnOf, depth, ref conditions);
                break;
            case OrFilter or:
                AppendGroup(sql, command, or.Filters, " OR ", "0", columnOf, depth, ref conditions);
                break;
            case NotFilter not:
                sql.Append("NOT (");
                Append(sql, command, not.Filter, columnOf, depth + 1, ref conditions);
                sql.Append(')');
                break;
            case ConditionFilter condition:
                if (++conditions > MaxConditions)
                {
                    throw ChatException.BadInput($"The filter has more than {MaxConditions} conditions.");
                }

                AppendCondition(sql, command, condition, columnOf);
                break;
            default:
                throw ChatException.BadInput("The filter is not supported.");
        }
    }

    private static void AppendGroup(StringBuilder sql, SqliteCommand command, IReadOnlyList<Filter> filters, string joiner, string empty,
        Func<FilterField, string?> columnOf, int depth, ref int conditions)
    {
        if (filters.Count == 0)
        {
            // An empty and is true, an empty or is false: the neutral elements.
            sql.Append(empty);
            return;
        }

        for (var i = 0; i < filters.Count; i++)
        {
            sql.Append(i == 0 ? "(" : joiner + "(");
            Append(sql, command, filters[i], columnOf, depth + 1, ref conditions);
            sql.Append(')');
        }
    }

    private static void AppendCondition(StringBuilder sql, SqliteCommand command, ConditionFilter condition, Func<FilterField, string?> columnOf)
    {
        var column = columnOf(condition.Field)
            ?? throw ChatException.BadInput($"This list cannot be filtered by '{condition.Field}'.");
        var expected = condition.Op == FilterOp.Between ? 2 : 1;
        if (condition.Values is null || condition.Values.Count != expected || condition.Values.Any(v => v is null))
        {
            throw ChatException.BadInput($"'{condition.Op}' on '{condition.Field}' takes {expected} value(s).");
        }

        var p = AddParameter(command, condition.Values[0]);
        switch (condition.Op)
        {
            case FilterOp.Eq: sql.Append(column).Append(" = ").Append(p); break;
            case FilterOp.Ne: sql.Append(column).Append(" <> ").Append(p); break;
            case FilterOp.Lt: sql.Append(column).Append(" < ").Append(p); break;
            case FilterOp.Le: sql.Append(column).Append(" <= ").Append(p); break;
            case FilterOp.Gt: sql.Append(column).Append(" > ").Append(p); break;
            case FilterOp.Ge: sql.Append(column).Append(" >= ").Append(p); break;
            case FilterOp.Between:
                var high = AddParameter(command, condition.Values[1]);
                sql.Append(column).Append(" BETWEEN ").Append(p).Append(" AND ").Append(high);
                break;
            case FilterOp.BeginsWith:
                sql.Append("substr(").Append(column).Append(", 1, length(").Append(p).Append(")) = ").Append(p);
                break;
            case FilterOp.Contains: sql.Append("instr(").Append(column).Append(", ").Append(p).Append(") > 0"); break;
            case FilterOp.NotContains: sql.Append("instr(").Append(column).Append(", ").Append(p).Append(") = 0"); break;
            default: throw ChatException.BadInput($"The filter operator '{condition.Op}' is not supported.");
        }
    }

    private static string AddParameter(SqliteCommand command, string value)
    {
        var name = "@f" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(name, value);
        return name;
    }
}
