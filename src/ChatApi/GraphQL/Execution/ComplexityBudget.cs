using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// The depth and complexity limits, applied through GraphQL.NET's complexity analyzer before execution.
/// The analyzer's own MaxDepth/MaxComplexity are left unset so this delegate can treat introspection apart:
/// see <see cref="GraphQLOptions.EnableIntrospection"/>. Rejections carry the analyzer's code <c>COMPLEXITY</c>.
/// </summary>
public sealed class ComplexityBudget(IOptions<GraphQLOptions> options)
{
    private readonly GraphQLOptions _limits = options.Value;

    public void Configure(ComplexityOptions complexity)
    {
        complexity.MaxDepth = null;
        complexity.MaxComplexity = null;
        complexity.ValidateComplexityDelegate = Validate;
    }

    private Task Validate(ComplexityValidationContext context)
    {
        var introspection = IsIntrospection(context.ValidationContext.Operation);
        if (introspection && !_limits.EnableIntrospection)
        {
            context.Error = new ValidationError("Introspection is disabled on this server.") { Code = "INTROSPECTION_DISABLED" };
            return Task.CompletedTask;
        }

        var (maxDepth, maxComplexity) = introspection
            ? (_limits.IntrospectionMaxDepth, _limits.IntrospectionMaxComplexity)
            : (_limits.MaxDepth, _limits.MaxComplexity);
        if (context.MaxDepth > maxDepth)
        {
            context.Error = new ComplexityError($"Query is too deep: depth {context.MaxDepth} exceeds the maximum of {maxDepth}.");
        }
        else if (context.TotalImpact > maxComplexity)
        {
            context.Error = new ComplexityError($"Query is too complex: complexity {context.TotalImpact:0} exceeds the budget of {maxComplexity}.");
        }

        return Task.CompletedTask;
    }

    /// <summary>True when the operation reads only schema metadata: <c>__schema</c>/<c>__type</c> at its root.</summary>
    private static bool IsIntrospection(GraphQLOperationDefinition? operation)
    {
        if (operation is null)
        {
            return false;
        }

        var any = false;
        foreach (var selection in operation.SelectionSet.Selections)
        {
            if (selection is not GraphQLField field)
            {
                return false;
            }

            var name = field.Name.StringValue;
            if (name is "__schema" or "__type")
            {
                any = true;
            }
            else if (name != "__typename")
            {
                return false;
            }
        }

        return any;
    }
}
