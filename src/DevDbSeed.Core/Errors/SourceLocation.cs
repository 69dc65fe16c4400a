namespace DevDbSeed.Errors;

/// <summary>A position in a YAML file, printed as <c>file:line:column</c> (both 1-based).</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
