using System.Security.Cryptography;
using System.Text.Json;
using DistillPlatform.Hosting.Orchestration;

namespace DistillPlatform.Hosting.Resources;

/// <summary>
/// A user name and a random password kept in <c>STATE/RESOURCE/credentials.json</c>. They must survive restarts:
/// RabbitMQ and MinIO create their first user only when their data folder is new, so a fresh password on every run
/// would lock the platform out of its own broker.
/// </summary>
public sealed record GeneratedCredentials(string UserName, string Password)
{
    public static GeneratedCredentials LoadOrCreate(string resourceDirectory, string userName)
    {
        var path = Path.Combine(resourceDirectory, "credentials.json");
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<GeneratedCredentials>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"'{path}' is empty; delete it together with the resource's data (or use --fresh).");
        }

        var created = new GeneratedCredentials(userName, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        Directory.CreateDirectory(resourceDirectory);
        File.WriteAllText(path, JsonSerializer.Serialize(created));
        SecretFile.RestrictToOwner(path);
        return created;
    }
}
