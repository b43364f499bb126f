using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MdgExchange.Storage.Sqlite;

/// <summary>
/// One statement prepared once on a connection and stepped directly through SQLite's C API, for the paths that
/// run per observation. SqliteCommand binds every parameter by name and allocates a reader on each execution,
/// which costs about as much as SQLite's own insert (bench <c>--data</c>); here bindings stay in place between
/// executions (SQLite keeps them across reset), so only what changes is bound again. Errors surface as
/// <see cref="SqliteException"/> with SQLite's codes, as from a command. Not thread-safe; dispose before the
/// connection.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private byte[] _buffer = new byte[256];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(_database, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    /// <summary>The position of a named parameter, looked up once so that binding per row needs no name.</summary>
    public int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    /// <summary>Binds text (SQLite copies it), or NULL.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(value, _buffer);
        Check(raw.sqlite3_bind_text(_statement, index, _buffer.AsSpan(0, written)));
    }

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs a statement that returns no rows and makes it ready for the next run.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            var error = Error(rc);
            raw.sqlite3_reset(_statement);
            throw error;
        }

        raw.sqlite3_reset(_statement);
    }

    /// <summary>Advances to the next row; false (and reset for the next run) after the last one.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        var error = rc == raw.SQLITE_DONE ? null : Error(rc);
        raw.sqlite3_reset(_statement);
        return error is null ? false : throw error;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public double GetDouble(int column) => raw.sqlite3_column_double(_statement, column);

    /// <summary>The column's text as UTF-8, valid until the next step.</summary>
    public ReadOnlySpan<byte> GetUtf8(int column) => raw.sqlite3_column_blob(_statement, column);

    public string GetString(int column) => Encoding.UTF8.GetString(GetUtf8(column));

    public void Dispose() => raw.sqlite3_finalize(_statement);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_database).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_database));
}

/// <summary>
/// The value of the last UTF-8 text seen in a column: consecutive rows of a pull mostly repeat the transfer id,
/// the instants and the attributes, and an equal text is recognised without allocating a string for it.
/// </summary>
internal sealed class Utf8Memo<T>(Func<string, T> parse)
{
    private byte[] _bytes = new byte[64];
    private int _length = -1;
    private T _value = default!;

    public T Get(ReadOnlySpan<byte> utf8)
    {
        if (_length == utf8.Length && utf8.SequenceEqual(_bytes.AsSpan(0, _length)))
        {
            return _value;
        }

        _value = parse(Encoding.UTF8.GetString(utf8));
        if (_bytes.Length < utf8.Length)
        {
            _bytes = new byte[utf8.Length * 2];
        }

        utf8.CopyTo(_bytes);
        _length = utf8.Length;
        return _value;
    }
}
