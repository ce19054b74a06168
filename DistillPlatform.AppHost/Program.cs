using DistillPlatform.AppHost;
using DistillPlatform.Hosting;

// Starts the dashboard, RabbitMQ, the object store and the five services; Ctrl+C stops them all.
// Options: --state DIR, --fresh, --no-dashboard. The dashboard's login URL is printed at start.
var builder = DistributedApplication.CreateBuilder(args);
PlatformModel.Declare(builder);
builder.Build().Run();
