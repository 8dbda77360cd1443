namespace Engagement.Api.Http;

/// <summary>The one error shape every endpoint answers with: {"error": {"code", "message", "field"?}}.</summary>
public sealed record ApiError(string Code, string Message, string? Field = null)
{
    public static IResult Validation(string field, string message) =>
        Respond(StatusCodes.Status400BadRequest, new ApiError("invalid_request", message, field));

    public static IResult Unprocessable(string code, string message, string? field = null) =>
        Respond(StatusCodes.Status422UnprocessableEntity, new ApiError(code, message, field));

    public static IResult Unauthorized() =>
        Respond(StatusCodes.Status401Unauthorized, new ApiError("unauthorized", "A valid API token is required: send 'Authorization: Bearer <token>'."));

    public static IResult Forbidden(string message) =>
        Respond(StatusCodes.Status403Forbidden, new ApiError("forbidden", message));

    public static IResult NotFound(string what) =>
        Respond(StatusCodes.Status404NotFound, new ApiError("not_found", $"{what} was not found."));

    public static IResult Conflict(string field, string message) =>
        Respond(StatusCodes.Status409Conflict, new ApiError("conflict", message, field));

    /// <summary>The framework's own refusals (no such path, wrong method, unreadable parameters, body too large), in our shape.</summary>
    public static IResult ForStatus(int status) => Respond(status, new ApiError("http_" + status, status switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed: a path or query parameter has the wrong form.",
        StatusCodes.Status404NotFound => "No such endpoint.",
        StatusCodes.Status405MethodNotAllowed => "This endpoint does not accept that method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        _ => "The request could not be handled.",
    }));

    /// <summary>
    /// An unexpected failure: 503 when the cluster or the database did not answer (worth retrying as it is),
    /// 500 otherwise. Either way the caller learns nothing about internals.
    /// </summary>
    public static IResult ForFailure(Exception? failure) =>
        failure is TimeoutException or Orleans.Runtime.OrleansException or Npgsql.NpgsqlException
            || failure?.InnerException is TimeoutException or Orleans.Runtime.OrleansException or Npgsql.NpgsqlException
            ? Respond(StatusCodes.Status503ServiceUnavailable, new ApiError("unavailable", "The cluster or the database did not answer in time. Retry the request (sends are safe to retry with an Idempotency-Key)."))
            : Respond(StatusCodes.Status500InternalServerError, new ApiError("internal_error", "The request failed on our side. Retry later; if it keeps failing, contact the operator."));

    public static IResult Respond(int status, ApiError error) => Results.Json(new { error }, statusCode: status);
}
