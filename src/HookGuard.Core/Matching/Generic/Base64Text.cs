using System.Buffers;
using System.Buffers.Text;

namespace HookGuard.Matching.Generic;

/// <summary>Base64 values whose decoded bytes are printable text of placeholder words (`bXlwYXNz` is `mypass`) or prose.</summary>
internal static class Base64Text
{
    private const int MaxEncoded = 128;

    public static bool DecodesToMadeUp(ReadOnlySpan<char> value)
    {
        if (value.Length < 8 || value.Length > MaxEncoded || value.Length % 4 != 0) return false;
        Span<byte> encoded = stackalloc byte[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] > 127) return false;
            encoded[i] = (byte)value[i];
        }
        Span<byte> decoded = stackalloc byte[MaxEncoded];
        if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != OperationStatus.Done || written == 0) return false;
        Span<char> text = stackalloc char[written];
        for (var i = 0; i < written; i++)
        {
            if (decoded[i] is < 0x20 or > 0x7e) return false;
            text[i] = (char)decoded[i];
        }
        // Words and spaces: base64 of prose or a description, not of a credential.
        return text.Contains(' ') && text.Trim().Contains(' ') || PlaceholderWords.IsMadeUp(text) || GenericVetoes.Reason(text) is "a well-known placeholder or default";
    }
}
