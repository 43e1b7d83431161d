using Chatt.ChatApi.Common;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// The depth limit and the cost budget, applied through GraphQL.NET's complexity analyzer after the other validation
/// rules and before execution, with the request's variables known.
/// <para>
/// Cost: every selected field costs 1 for each time it would be resolved. A page (a field with a <c>limit</c>
/// argument, e.g. <c>messages(limit: 1000)</c>) costs 1 itself, and its <c>items</c> list multiplies everything
/// selected inside it by the page's size — the <c>limit</c> it was given (clamped to <see cref="PageRequest.MaxLimit"/>,
/// beyond which the resolver refuses anyway) or <see cref="PageRequest.DefaultLimit"/>. Pages nested in pages
/// multiply, which is exactly the amplification the budget exists to stop:
/// <c>messages(limit:1000) { items { conversation { messages(limit:1000) { items { id } } } } }</c> costs ~2,000,000.
/// Lists without a <c>limit</c> (mentions, reactions, introspection's lists) count as
/// <see cref="GraphQLOptions.ListSizeEstimate"/> each.
/// </para>
/// The analyzer's own MaxDepth/MaxComplexity are left unset so this delegate can treat introspection apart (see
/// <see cref="GraphQLOptions.EnableIntrospection"/>). Rejections carry <c>COMPLEXITY</c> and, in their extensions,
/// the computed <c>cost</c> and the <c>budget</c> (or <c>depth</c> and <c>maxDepth</c>).
/// </summary>
public sealed class ComplexityBudget(IOptions<GraphQLOptions> options)
{
    private const string LimitArgument = "limit";

    private readonly GraphQLOptions _limits = options.Value;
    private Func<FieldImpactContext, FieldComplexityResult>? _builtIn;

    public void Configure(ComplexityOptions complexity)
    {
        complexity.MaxDepth = null;
        complexity.MaxComplexity = null;
        complexity.DefaultListImpactMultiplier = _limits.ListSizeEstimate;
        _builtIn = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = Impact;
        complexity.ValidateComplexityDelegate = Validate;
    }

    private FieldComplexityResult Impact(FieldImpactContext context)
    {
        if (IsPage(context.FieldDefinition))
        {
            return new(1, 1); // the page's items carry its size, so nextToken beside them is counted once
        }

        if (IsList(context.FieldDefinition.ResolvedType) && context.Parent is { } parent && IsPage(parent.FieldDefinition))
        {
            return new(1, PageSize(parent));
        }

        return _builtIn!(context);
    }

    private static bool IsPage(FieldType field) => field.Arguments?.Find(LimitArgument) is not null;

    private static bool IsList(IGraphType? type) =>
        (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;

    private static int PageSize(FieldImpactContext page) =>
        page.Arguments?.TryGetValue(LimitArgument, out var limit) == true && limit.Value is int size
            ? Math.Clamp(size, 1, PageRequest.MaxLimit)
            : PageRequest.DefaultLimit;

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
            context.Error = new ComplexityError($"Query is too deep: depth {context.MaxDepth} exceeds the maximum of {maxDepth}.")
            {
                Extensions = new() { ["depth"] = context.MaxDepth, ["maxDepth"] = maxDepth },
            };
        }
        else if (context.TotalImpact > maxComplexity)
        {
            var cost = (long)Math.Min(Math.Ceiling(context.TotalImpact), long.MaxValue);
            context.Error = new ComplexityError(
                $"Query is too complex: cost {cost} exceeds the budget of {maxComplexity}. Every field inside a page costs the page's size " +
                $"(its limit, default {PageRequest.DefaultLimit}) and nested pages multiply: ask for smaller pages or fewer nested lists.")
            {
                Extensions = new() { ["cost"] = cost, ["budget"] = maxComplexity },
            };
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
