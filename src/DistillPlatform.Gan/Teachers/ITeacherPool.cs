namespace DistillPlatform.Gan.Teachers;

/// <summary>The checkpoint pool L_SML draws a frozen classifier from at every generator step.</summary>
public interface ITeacherPool
{
    /// <summary>One teacher chosen with <paramref name="random"/> (the trainer's resumable generator).</summary>
    ISoftmaxTeacher Draw(Random random);
}
