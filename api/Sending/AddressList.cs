using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Api.Sending;

/// <summary>Recipients as customers send them: one address as a string, or a list of addresses.</summary>
[JsonConverter(typeof(AddressListConverter))]
public sealed record AddressList(IReadOnlyList<string> Addresses);

public sealed class AddressListConverter : JsonConverter<AddressList>
{
    public override AddressList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new AddressList([reader.GetString()!]);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected an address or a list of addresses.");
        }

        var addresses = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("Expected a list of address strings.");
            }

            addresses.Add(reader.GetString()!);
        }

        return new AddressList(addresses);
    }

    public override void Write(Utf8JsonWriter writer, AddressList value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Addresses, options);
}
