using System.Linq.Expressions;

namespace Crm.Marketing.Model.Segments;

/// <summary>
/// Builds one predicate over a contact from the rule tree's parts. Values are captured in closures, never put into
/// text, so EF Core sends them as SQL parameters.
/// </summary>
public static class Predicates
{
    private static readonly ParameterExpression Contact = Expression.Parameter(typeof(Customer), "contact");

    public static Expression<Func<Customer, bool>> Combine(
        IEnumerable<Expression<Func<Customer, bool>>> parts, Func<Expression, Expression, BinaryExpression> join) =>
        Expression.Lambda<Func<Customer, bool>>(parts.Select(Body).Aggregate((left, right) => join(left, right)), Contact);

    public static Expression<Func<Customer, bool>> Negate(Expression<Func<Customer, bool>> predicate) =>
        Expression.Lambda<Func<Customer, bool>>(Expression.Not(Body(predicate)), Contact);

    /// <summary>The test applied to the field the reader picks: <c>Apply(c => c.Region, r => r == "EMEA")</c> is <c>c => c.Region == "EMEA"</c>.</summary>
    public static Expression<Func<Customer, bool>> Apply<TField>(Expression<Func<Customer, TField>> read, Expression<Func<TField, bool>> test)
    {
        var field = Body(read);
        var body = new Replacer(test.Parameters[0], field).Visit(test.Body);
        return Expression.Lambda<Func<Customer, bool>>(body, Contact);
    }

    /// <summary>The lambda's body over the shared contact parameter, so parts can be joined.</summary>
    private static Expression Body<TResult>(Expression<Func<Customer, TResult>> lambda) =>
        new Replacer(lambda.Parameters[0], Contact).Visit(lambda.Body);

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
