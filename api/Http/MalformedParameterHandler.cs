using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Engagement.Api.Http;

/// <summary>
/// Answers a query or route value the framework could not convert to its parameter's type (<c>limit=abc</c>) with
/// our 400 naming the parameter. Minimal APIs only say which parameter failed in the exception they throw when
/// <c>ThrowOnBadRequest</c> is on, so every endpoint's typed parameters are covered here instead of one by one.
/// The framework's other refusals keep their status code, in our shape.
/// </summary>
public sealed partial class MalformedParameterHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException refusal)
        {
            return false;
        }

        await ErrorFor(refusal).ExecuteAsync(httpContext);
        return true;
    }

    private static IResult ErrorFor(BadHttpRequestException refusal)
    {
        var malformed = MalformedParameter().Match(refusal.Message);
        if (malformed.Success)
        {
            var name = malformed.Groups["name"].Value;
            return ApiError.Validation(name, $"'{name}' must be {Expected(malformed.Groups["type"].Value)}.");
        }

        return ApiError.ForStatus(refusal.StatusCode);
    }

    // The framework writes an optional int as "Nullable<int>".
    private static string Expected(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "long" => "a whole number",
        "bool" => "true or false",
        var other => "a valid " + other,
    };

    // The framework's wording, e.g. Failed to bind parameter "int? limit" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from """)]
    private static partial Regex MalformedParameter();
}
