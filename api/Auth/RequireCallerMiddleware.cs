using Engagement.Api.Http;

namespace Engagement.Api.Auth;

/// <summary>
/// Answers 401 unless an API request carries a valid token, and hands the caller to the endpoint. A middleware
/// rather than an endpoint filter because minimal APIs bind parameters (the Caller among them) before filters run.
/// </summary>
public sealed class RequireCallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CallerAuthentication authentication)
    {
        var caller = await authentication.AuthenticateAsync(context);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiError.Unauthorized().ExecuteAsync(context);
            return;
        }

        caller.AttachTo(context);
        await next(context);
    }
}
