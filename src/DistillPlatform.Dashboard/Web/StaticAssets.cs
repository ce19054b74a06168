using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillPlatform.Dashboard.Web;

/// <summary>Serves the dashboard's page, script and style sheet, embedded in this assembly (wwwroot/*).</summary>
public static class StaticAssets
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "wwwroot/index.html", "text/html; charset=utf-8"),
        ("/app.js", "wwwroot/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "wwwroot/app.css", "text/css; charset=utf-8"),
    ];

    public static void MapStaticAssets(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var content = Load(resource);
            endpoints.MapGet(path, () => Results.Bytes(content, contentType));
        }
    }

    private static byte[] Load(string resource)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded dashboard asset '{resource}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
