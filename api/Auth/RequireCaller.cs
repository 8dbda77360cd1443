using Engagement.Api.Http;

namespace Engagement.Api.Auth;

/// <summary>Answers 401 unless the request carries a valid token, and hands the caller to the endpoint.</summary>
public sealed class RequireCaller(CallerAuthentication authentication) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var caller = await authentication.AuthenticateAsync(context.HttpContext);
        if (caller is null)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiError.Unauthorized();
        }

        caller.AttachTo(context.HttpContext);
        return await next(context);
    }
}
