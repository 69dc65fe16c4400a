namespace DevDbSeed.AfterScripts;

/// <summary>One statement of an SQL script: its text as written (without the semicolon ending it) and where it starts in the script.</summary>
/// <param name="Text">The statement, from its first word to the character before its semicolon (or the script's end).</param>
/// <param name="Start">The index in the script's text (UTF-16) of <paramref name="Text"/>'s first character.</param>
/// <param name="Words">Its first words outside quotes and comments, lower-case (up to four): what kind of statement it is.</param>
public sealed record SqlStatement(string Text, int Start, IReadOnlyList<string> Words);
