using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

/// <summary>
/// The old and new values of an audit entry, written as the app's AuditTrailInterceptor writes them: a JSON
/// object of property names in alphabetical order, Chinese unescaped, enums by name, local times without a zone
/// and UTC times with "Z". Created entries leave out nulls; updated ones keep them (a value that was cleared).
/// </summary>
internal sealed class AuditJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public AuditJson()
    {
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>The values of a new record (nulls left out).</summary>
    public string Created(params (string Name, object? Value)[] values) => Write(values, keepNulls: false);

    /// <summary>The old or new values of a change (nulls kept).</summary>
    public string Changed(params (string Name, object? Value)[] values) => Write(values, keepNulls: true);

    private string Write((string Name, object? Value)[] values, bool keepNulls)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            switch (value)
            {
                case null when keepNulls:
                    _writer.WriteNull(name);
                    break;
                case null:
                    break;
                case string s:
                    _writer.WriteString(name, s);
                    break;
                case int i:
                    _writer.WriteNumber(name, i);
                    break;
                case long l:
                    _writer.WriteNumber(name, l);
                    break;
                case double d:
                    _writer.WriteNumber(name, d);
                    break;
                case decimal m:
                    _writer.WriteNumber(name, m);
                    break;
                case bool b:
                    _writer.WriteBoolean(name, b);
                    break;
                case DateTime t:
                    _writer.WriteString(name, t);
                    break;
                case DateOnly day:
                    _writer.WriteString(name, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case IEnumerable<string> list:
                    _writer.WriteStartArray(name);
                    foreach (var item in list)
                    {
                        _writer.WriteStringValue(item);
                    }

                    _writer.WriteEndArray();
                    break;
                default:
                    throw new ArgumentException($"No JSON form for {value.GetType().Name}", nameof(values));
            }
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
