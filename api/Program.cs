using Engagement.Api;

await ApiApplication.Build(args).RunAsync();
