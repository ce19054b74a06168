using System.Runtime.InteropServices;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>
/// Signals a whole POSIX process group. Every child is started through <c>setsid</c>, so its process id is also its
/// group id, and signalling the group reaches the grandchildren it spawned (shell wrappers, helper processes).
/// </summary>
internal static partial class ProcessGroup
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process in the group led by <paramref name="groupId"/>.</summary>
    /// <returns>false when the group no longer exists.</returns>
    public static bool Signal(int groupId, int signal) => Kill(-groupId, signal) == 0;

    /// <summary>True while at least one process of the group is alive (signal 0 only checks existence).</summary>
    public static bool IsAlive(int groupId) => Kill(-groupId, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
