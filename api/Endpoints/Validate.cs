using System.Text.RegularExpressions;
using Engagement.Api.Http;

namespace Engagement.Api.Endpoints;

/// <summary>Field checks shared by the account endpoints; each returns the 400 to send, or null when the value is fine.</summary>
public static partial class Validate
{
    public static IResult? Name(string? name, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ApiError.Validation(field, $"'{field}' is required.");
        }

        return name.Trim().Length > 200 ? ApiError.Validation(field, $"'{field}' must be at most 200 characters.") : null;
    }

    public static IResult? Slug(string? slug) =>
        slug is null
            ? ApiError.Validation("slug", "'slug' is required.")
            : SlugPattern().IsMatch(slug)
                ? null
                : ApiError.Validation("slug", "'slug' must be 1 to 63 characters of lower-case letters, digits, '-' and '_', starting with a letter or digit.");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex SlugPattern();
}
