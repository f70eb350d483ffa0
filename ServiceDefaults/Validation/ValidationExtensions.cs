using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.Validation;

public static class ValidationExtensions
{
    /// <summary>
    /// Error keys use the JSON (camelCase) paths clients send, not the C# property names: a rule on
    /// <c>rules.Rfm.RecencyDays</c> reports <c>rfm.recencyDays</c>.
    /// </summary>
    public static IHostApplicationBuilder AddRequestValidation(this IHostApplicationBuilder builder)
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) => JsonPath(member, expression);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, expression) => JsonPath(member, expression);
        return builder;
    }

    private static string? JsonPath(MemberInfo? member, LambdaExpression? expression)
    {
        if (member is null)
        {
            return null;
        }

        var names = new List<string>();
        for (var node = expression?.Body as MemberExpression; node is not null; node = node.Expression as MemberExpression)
        {
            names.Insert(0, JsonNamingPolicy.CamelCase.ConvertName(node.Member.Name));
        }

        return names.Count > 1 ? string.Join('.', names) : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
    }

    /// <summary>Validates the endpoint's <typeparamref name="TRequest"/> argument before the handler runs.</summary>
    public static RouteHandlerBuilder WithValidation<TRequest>(this RouteHandlerBuilder builder) =>
        builder
            .AddEndpointFilter<ValidationFilter<TRequest>>()
            .ProducesValidationProblem();
}
