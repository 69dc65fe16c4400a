namespace DevDbSeed.Masking.Transformers;

// A path compiled for walking documents without comparing strings (JsonRule's transformer), and the position of such a walk.
public sealed partial class JsonPath
{
    /// <summary>A compiled path: steps encoded as in <see cref="Cursor"/>.</summary>
    public sealed class Compiled(int[] steps)
    {
        public int Length => steps.Length;

        /// <summary>Whether step <paramref name="depth"/> of the path accepts the actual <paramref name="step"/>.</summary>
        public bool Matches(int depth, int step)
        {
            var wanted = steps[depth];
            return wanted == step
                || (wanted == Cursor.AnyKey && Cursor.IsKey(step))
                || (wanted == Cursor.AnyElement && !Cursor.IsKey(step));
        }
    }

    /// <summary>
    /// The position in a document while walking it: keys are encoded as small negative numbers (their index in the
    /// path names, unknown names share one code), array elements as their non-negative index.
    /// </summary>
    public sealed class Cursor
    {
        public const int AnyKey = int.MinValue;
        public const int AnyElement = int.MinValue + 1;
        private const int UnknownKey = -1;

        private int[] _steps = new int[16];

        public int Depth { get; private set; }

        public void Reset() => Depth = 0;

        public static int Key(int nameIndex) => nameIndex < 0 ? UnknownKey : -2 - nameIndex;

        public static int Element(int index) => index;

        public static bool IsKey(int step) => step < 0 && step != AnyElement;

        public void Push(int step)
        {
            if (Depth == _steps.Length)
            {
                Array.Resize(ref _steps, _steps.Length * 2);
            }

            _steps[Depth++] = step;
        }

        public void Pop() => Depth--;
    }
}
