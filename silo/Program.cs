using Microsoft.Extensions.Hosting;
using Engagement.Silo;

using var host = SiloApplication.Build(args);
await SiloApplication.StartAsync(host);
await host.WaitForShutdownAsync();
