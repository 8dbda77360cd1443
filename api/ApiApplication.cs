using Engagement.Api.Auth;
using Engagement.Api.Endpoints;
using Engagement.Api.Health;
using Engagement.Api.Http;
using Engagement.Api.Reporting;
using Engagement.Api.Sending;
using Engagement.Api.Tracking;
using Engagement.Contracts.Tokens;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Engagement.Contracts.Configuration;
using Npgsql;
using Orleans.Configuration;

namespace Engagement.Api;

/// <summary>The HTTP front end: authenticates, validates and routes calls into the silo cluster. It holds no durable state.</summary>
public static class ApiApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        var connectionString = DatabaseSettings.ConnectionStringFrom(configuration[DatabaseSettings.UrlVariable]);

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = configuration["Orleans:ClusterId"] ?? ClusterIdentity.DefaultClusterId;
                o.ServiceId = configuration["Orleans:ServiceId"] ?? ClusterIdentity.DefaultServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });

            // The API must come up (and answer /healthz) even while no silo is reachable yet: keep trying.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);

        // While this category is enabled at any level, ASP.NET Core starts an Activity and a logging scope for every
        // request, tracking hits included: about 1 % of the machine under load (perf, scripts/bench load). It only
        // logs request starts and ends, which are below the configured levels, and exceptions that the exception
        // handler below catches and logs first.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // A click token carries its destination, and destinations up to 8 KB must work: Kestrel's default 8 KB
        // request line would refuse their URLs.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
        });

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.Configure<OperatorOptions>(o => o.AdminToken = configuration["ADMIN_TOKEN"] ?? "");
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<CallerAuthentication>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(TrackingKeyRing.From(configuration.GetSection(TrackingKeyOptions.Section).Get<TrackingKeyOptions>() ?? new TrackingKeyOptions()));
        builder.Services.AddSingleton<TrackingTokenCodec>();
        builder.Services.Configure<SpoolOptions>(configuration.GetSection(SpoolOptions.Section));
        // Checked when the API starts rather than at its first hit, which must be answered whatever the settings say.
        builder.Services.AddOptions<CaptureOptions>().Bind(configuration.GetSection(CaptureOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero, "Capture:Timeout must be longer than zero.")
            .Validate(o => o.FailureRatio is > 0 and <= 1, "Capture:FailureRatio must be more than 0 and at most 1.")
            .Validate(o => o.MinimumHits >= 2, "Capture:MinimumHits must be at least 2.")
            .Validate(o => o.SamplingDuration >= CaptureOptions.ShortestWindow, "Capture:SamplingDuration must be at least 00:00:00.5.")
            .Validate(o => o.BreakDuration >= CaptureOptions.ShortestWindow, "Capture:BreakDuration must be at least 00:00:00.5.")
            .Validate(o => o.StallAfter > TimeSpan.Zero, "Capture:StallAfter must be longer than zero.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ObservationSpool>();
        builder.Services.AddSingleton<SpoolReplayer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SpoolReplayer>());
        builder.Services.AddSingleton<MessageGrains>();
        builder.Services.AddSingleton<CaptureCircuit>();
        builder.Services.AddSingleton<HitRecorder>();
        builder.Services.AddSingleton<ClickFallbacks>();
        builder.Services.AddSingleton<StatsReader>();
        builder.Services.Configure<ForwardedHeadersOptions>(o => TrustedProxies.Configure(o, configuration));
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();

        // Only the thrown refusal names the parameter a malformed value was for; see MalformedParameterHandler.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<MalformedParameterHandler>();

        var app = builder.Build();

        // At start rather than at the first hit, so that the circuit's gauge reads closed from the start; and after the
        // settings the circuit reads have been checked.
        app.Lifetime.ApplicationStarted.Register(() =>
            SpoolMeter.Watch(app.Services.GetRequiredService<ObservationSpool>(), app.Services.GetRequiredService<CaptureCircuit>()));
        app.UseForwardedHeaders();
        app.UseExceptionHandler(errors => errors.Run(context =>
            ApiError.ForFailure(context.Features.Get<IExceptionHandlerFeature>()?.Error).ExecuteAsync(context)));
        app.UseStatusCodePages(context =>
            context.HttpContext.Response.HasStarted
                ? Task.CompletedTask
                : ApiError.ForStatus(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthEndpoints();
        app.MapTrackingEndpoints();

        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal),
            v1Pipeline => v1Pipeline.UseMiddleware<RequireCallerMiddleware>());
        var v1 = app.MapGroup("/v1");
        v1.MapTeamEndpoints();
        v1.MapProjectEndpoints();
        v1.MapRouteEndpoints();
        v1.MapSendEndpoints();
        v1.MapMessageEndpoints();
        v1.MapClassifyEndpoints();
        v1.MapWebhookEndpoints();
        v1.MapStatsEndpoints();
        v1.MapPrivacyEndpoints();
        return app;
    }
}
