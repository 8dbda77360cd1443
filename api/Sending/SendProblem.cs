using Engagement.Api.Http;

namespace Engagement.Api.Sending;

/// <summary>Why an email was refused: the HTTP status and the error body, naming the field.</summary>
public sealed record SendProblem(int Status, ApiError Error)
{
    public static SendProblem Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, new ApiError("invalid_request", message, field));

    public static SendProblem Unprocessable(string code, string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, new ApiError(code, message, field));

    public IResult ToResult() => ApiError.Respond(Status, Error);
}
