using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engagement.Api.Http;

/// <summary>
/// Reads a request body strictly and turns every JSON problem into a 400 that names the field, instead of the
/// framework's generic "bad request".
/// </summary>
public static partial class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (null, ApiError.Respond(StatusCodes.Status415UnsupportedMediaType,
                new ApiError("unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'.")));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, ApiError.Validation("body", "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiError.Validation(FieldOf(e), MessageOf(e)));
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals while the body is read: too large (413), or cut off by the client (400).
            return (null, ApiError.Respond(e.StatusCode, new ApiError(
                e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body_too_large" : "invalid_request",
                e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is larger than 30 MB." : "The request body could not be read.",
                "body")));
        }
    }

    public static string FieldOf(JsonException e)
    {
        var path = PathWithoutRoot(e.Path);
        if (path.Length > 0)
        {
            return path;
        }

        var unmapped = UnmappedProperty().Match(e.Message);
        return unmapped.Success ? unmapped.Groups[1].Value : "body";
    }

    public static string MessageOf(JsonException e)
    {
        var unmapped = UnmappedProperty().Match(e.Message);
        if (unmapped.Success)
        {
            return $"Unknown field '{unmapped.Groups[1].Value}'.";
        }

        if (e.Path is null or "$")
        {
            return "The body is not valid JSON.";
        }

        return $"'{PathWithoutRoot(e.Path)}' has the wrong type or is not valid JSON.";
    }

    private static string PathWithoutRoot(string? path) =>
        (path ?? "").TrimStart('$').TrimStart('.');

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}
