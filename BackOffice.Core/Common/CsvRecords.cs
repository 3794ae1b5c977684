using System.Text;
namespace BackOffice.Core.Common;

/// <summary>
/// Reads delimited records (comma by default) one at a time from a <see cref="TextReader"/>, counting
/// physical lines: fields may be quoted with <c>"</c> (and then hold delimiters, doubled quotes and
/// line breaks), lines may end CRLF, LF or CR, blank lines are skipped, and a DOS end-of-file
/// byte (0x1A) ends the input. A quote left open fails with the line it was opened on.
/// </summary>
public sealed class CsvRecords(TextReader reader, string file, char delimiter = ',')
{
    private const int EndOfFile = -1;
    private const char DosEndOfFile = '\u001A';

    private readonly char[] buffer = new char[16 * 1024];
    private readonly StringBuilder field = new(64);
    private readonly List<string> fields = new(16);
    private int position;
    private int length;
    private int pushedBack = EndOfFile;
    private long line = 1;
    private bool ended;

    public string File { get; } = file;

    /// <summary>The line the record last returned by <see cref="TryRead"/> starts on.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next record's fields (the array is the caller's), or false at the end of the input.</summary>
    /// <exception cref="CsvFormatException">A quoted field is never closed.</exception>
    public bool TryRead(out string[] record)
    {
        record = [];
        if (ended)
            return false;
        var c = Next();
        while (c is '\r' or '\n')
        {
            NewLine(c);
            c = Next();
        }
        if (c is EndOfFile or DosEndOfFile)
        {
            ended = true;
            return false;
        }

        LineNumber = line;
        fields.Clear();
        field.Clear();
        while (true)
        {
            if (c == '"' && field.Length == 0)
                c = Quoted();
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n' or EndOfFile or DosEndOfFile)
            {
                if (c is '\r' or '\n')
                    NewLine(c);
                else
                    ended = true;
                fields.Add(field.ToString());
                record = [.. fields];
                return true;
            }
            else
                field.Append((char)c);
            c = Next();
        }
    }

    /// <summary>A format error at the current record, to throw.</summary>
    public CsvFormatException Fail(string message) => new(File, LineNumber, message);

    /// <summary>Reads a quoted field's content; returns the first character after the closing quote.</summary>
    private int Quoted()
    {
        var opened = line;
        while (true)
        {
            var c = Next();
            if (c is EndOfFile or DosEndOfFile)
                throw new CsvFormatException(File, opened, "a quoted field is never closed (unterminated quote)");
            if (c == '"')
            {
                var after = Next();
                if (after != '"')
                    return after;
            }
            else if (c is '\r' or '\n')
            {
                NewLine(c);
                c = '\n';
            }
            field.Append((char)c);
        }
    }

    private void NewLine(int c)
    {
        if (c == '\r')
        {
            var after = Next();
            if (after != '\n')
                pushedBack = after;
        }
        line++;
    }

    private int Next()
    {
        if (pushedBack != EndOfFile)
        {
            var c = pushedBack;
            pushedBack = EndOfFile;
            return c;
        }
        if (position == length)
        {
            length = reader.Read(buffer, 0, buffer.Length);
            position = 0;
            if (length <= 0)
            {
                length = 0;
                return EndOfFile;
            }
        }
        return buffer[position++];
    }
}

/// <summary>A delimited file that cannot be read; carries the file and line for the operator.</summary>
public sealed class CsvFormatException(string file, long lineNumber, string message) : Exception($"{file}, line {lineNumber}: {message}")
{
    public string File { get; } = file;
    public long LineNumber { get; } = lineNumber;
    public string Problem { get; } = message;
}
