using DistillPlatform.AppHost;
using DistillPlatform.Hosting;

// Starts RabbitMQ, the object store and the five services; Ctrl+C stops them all. Options: --state DIR, --fresh.
var builder = DistributedApplication.CreateBuilder(args);
PlatformModel.Declare(builder);
builder.Build().Run();
