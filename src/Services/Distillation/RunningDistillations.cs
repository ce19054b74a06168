namespace DistillPlatform.Services.Distillation;

/// <summary>
/// The distillations this instance is running, by request id, so a <c>CancelDistillation</c> (published to every
/// instance) can stop the one that runs it. A cancellation that arrives before its job started here (e.g. while the
/// command waited in the queue) is remembered, and the job stops as soon as it starts.
/// </summary>
public sealed class RunningDistillations
{
    /// <summary>Early cancellations remembered at most; the oldest is forgotten first.</summary>
    private const int RememberedCancellations = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Job> _running = [];
    private readonly Dictionary<Guid, string?> _cancelledEarly = [];
    private readonly Queue<Guid> _cancelledEarlyOrder = new();

    /// <summary>Registers a starting job; dispose the result when the job ends.</summary>
    public Job Start(Guid requestId)
    {
        lock (_gate)
        {
            var job = new Job(this, requestId);
            _running[requestId] = job;
            if (_cancelledEarly.Remove(requestId, out string? reason))
                job.Cancel(reason);
            return job;
        }
    }

    /// <summary>Cancels the job of <paramref name="requestId"/>; returns whether it runs on this instance.</summary>
    public bool Cancel(Guid requestId, string? reason)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(requestId, out var job))
            {
                job.Cancel(reason);
                return true;
            }
            if (_cancelledEarly.TryAdd(requestId, reason))
            {
                _cancelledEarlyOrder.Enqueue(requestId);
                if (_cancelledEarlyOrder.Count > RememberedCancellations)
                    _cancelledEarly.Remove(_cancelledEarlyOrder.Dequeue());
            }
            return false;
        }
    }

    private void End(Job job)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(job.RequestId, out var current) && ReferenceEquals(current, job))
                _running.Remove(job.RequestId);
        }
    }

    /// <summary>One running job: <see cref="Token"/> is cancelled when a CancelDistillation for it arrives.</summary>
    public sealed class Job : IDisposable
    {
        private readonly RunningDistillations _owner;
        private readonly CancellationTokenSource _cancellation = new();

        internal Job(RunningDistillations owner, Guid requestId)
        {
            _owner = owner;
            RequestId = requestId;
        }

        public Guid RequestId { get; }

        public CancellationToken Token => _cancellation.Token;

        public bool IsCancelled => _cancellation.IsCancellationRequested;

        /// <summary>Why it was cancelled, as the CancelDistillation said.</summary>
        public string? Reason { get; private set; }

        internal void Cancel(string? reason)
        {
            Reason ??= reason;
            _cancellation.Cancel();
        }

        public void Dispose()
        {
            _owner.End(this);
            _cancellation.Dispose();
        }
    }
}
