using System.Text;
using Engagement.Contracts.Messages;
using MimeKit;

namespace Engagement.Api.Sending;

/// <summary>The checks a send request passes before it reaches a grain; pure, so every rule is unit-testable.</summary>
public static class SendValidation
{
    // Headers the platform writes itself; letting a customer set them would forge or break the mail.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date", "Message-ID", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Sender", "Return-Path",
    };

    public sealed record ValidEmail(
        string From,
        IReadOnlyList<MessageRecipient> Recipients,
        IReadOnlyList<string> ReplyTo,
        string Subject,
        string? Html,
        string? Text,
        IReadOnlyDictionary<string, string> Headers,
        IReadOnlyDictionary<string, string> Metadata,
        string? Tag,
        string? Route,
        TrackingOverride Tracking);

    public static (ValidEmail? Email, SendProblem? Problem) Check(SendRequest request)
    {
        var problem = CheckMailbox(request.From, "from");
        if (problem is not null)
        {
            return (null, problem);
        }

        var recipients = new List<MessageRecipient>();
        foreach (var (list, kind, field) in new[] { (request.To, RecipientKind.To, "to"), (request.Cc, RecipientKind.Cc, "cc"), (request.Bcc, RecipientKind.Bcc, "bcc") })
        {
            for (var i = 0; i < (list?.Addresses.Count ?? 0); i++)
            {
                var address = list!.Addresses[i];
                problem = CheckMailbox(address, list.Addresses.Count == 1 ? field : $"{field}[{i}]");
                if (problem is not null)
                {
                    return (null, problem);
                }

                var mailbox = MailboxAddress.Parse(address);
                recipients.Add(new MessageRecipient(mailbox.Address, kind, string.IsNullOrEmpty(mailbox.Name) ? null : mailbox.Name));
            }
        }

        if (recipients.Count == 0)
        {
            return (null, SendProblem.Invalid("to", "At least one recipient is required in 'to', 'cc' or 'bcc'."));
        }

        if (recipients.Count > SendLimits.MaxRecipients)
        {
            return (null, SendProblem.Unprocessable("too_many_recipients", "to",
                $"An email may have at most {SendLimits.MaxRecipients} recipients across to, cc and bcc; this one has {recipients.Count}. Send a batch instead."));
        }

        var replyTo = request.ReplyTo?.Addresses ?? [];
        for (var i = 0; i < replyTo.Count; i++)
        {
            problem = CheckMailbox(replyTo[i], replyTo.Count == 1 ? "reply_to" : $"reply_to[{i}]");
            if (problem is not null)
            {
                return (null, problem);
            }
        }

        problem = CheckSubject(request.Subject) ?? CheckBody(request.Html, request.Text) ?? CheckHeaders(request.Headers)
            ?? CheckMetadata(request.Metadata) ?? CheckTag(request.Tag);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (tracking, trackingProblem) = TrackingOverrideOf(request);
        if (trackingProblem is not null)
        {
            return (null, trackingProblem);
        }

        return (new ValidEmail(
            request.From!.Trim(),
            recipients,
            [.. replyTo.Select(a => a.Trim())],
            request.Subject!,
            request.Html,
            request.Text,
            request.Headers ?? [],
            request.Metadata ?? [],
            request.Tag,
            request.Route,
            tracking!), null);
    }

    private static SendProblem? CheckMailbox(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SendProblem.Invalid(field, $"'{field}' is required.");
        }

        if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            || !MailboxAddress.TryParse(ParserOptions.Default, value, out var mailbox)
            || !DeliverableAddress.IsValid(mailbox.Address))
        {
            return SendProblem.Invalid(field, $"'{field}' is not a valid email address: '{value}'.");
        }

        return null;
    }

    private static SendProblem? CheckSubject(string? subject)
    {
        if (subject is null)
        {
            return SendProblem.Invalid("subject", "'subject' is required.");
        }

        if (subject.Contains('\r', StringComparison.Ordinal) || subject.Contains('\n', StringComparison.Ordinal))
        {
            return SendProblem.Invalid("subject", "'subject' must be a single line.");
        }

        if (HasControlCharacter(subject))
        {
            return SendProblem.Invalid("subject", "'subject' must not contain control characters (a tab is allowed).");
        }

        return subject.Length > SendLimits.MaxSubjectLength
            ? SendProblem.Invalid("subject", $"'subject' must be at most {SendLimits.MaxSubjectLength} characters.")
            : null;
    }

    private static SendProblem? CheckBody(string? html, string? text)
    {
        if (string.IsNullOrEmpty(html) && string.IsNullOrEmpty(text))
        {
            return SendProblem.Invalid("html", "An email needs a body: 'html', 'text' or both.");
        }

        // Mail text cannot carry a NUL (RFC 5322), and PostgreSQL's text, which the bodies are kept in, cannot either.
        foreach (var (field, body) in new[] { ("html", html), ("text", text) })
        {
            if (body is not null && body.Contains('\0', StringComparison.Ordinal))
            {
                return SendProblem.Invalid(field, $"'{field}' must not contain the NUL character (\\u0000).");
            }
        }

        var htmlBytes = html is null ? 0 : Encoding.UTF8.GetByteCount(html);
        var textBytes = text is null ? 0 : Encoding.UTF8.GetByteCount(text);
        return htmlBytes + textBytes > SendLimits.MaxBodyBytes
            ? SendProblem.Unprocessable("body_too_large", htmlBytes >= textBytes ? "html" : "text",
                $"The body is {htmlBytes + textBytes} bytes; html and text together may be at most {SendLimits.MaxBodyBytes} bytes (5 MB).")
            : null;
    }

    private static SendProblem? CheckHeaders(Dictionary<string, string>? headers)
    {
        foreach (var (name, value) in headers ?? [])
        {
            var field = $"headers.{name}";
            if (name.Length == 0 || name.Any(c => c <= ' ' || c > '~' || c == ':'))
            {
                return SendProblem.Invalid(field, $"'{name}' is not a valid header name.");
            }

            if (value is null)
            {
                return SendProblem.Invalid(field, $"The value of header '{name}' must be a string.");
            }

            if (ReservedHeaders.Contains(name))
            {
                return SendProblem.Invalid(field, $"The '{name}' header is set from the email's own fields; it cannot be given in 'headers'.");
            }

            if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                return SendProblem.Invalid(field, $"The value of header '{name}' must be a single line.");
            }

            if (HasControlCharacter(value))
            {
                return SendProblem.Invalid(field, $"The value of header '{name}' must not contain control characters (a tab is allowed).");
            }
        }

        return null;
    }

    private static SendProblem? CheckMetadata(Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.Count > SendLimits.MaxMetadataEntries)
        {
            return SendProblem.Invalid("metadata", $"'metadata' may hold at most {SendLimits.MaxMetadataEntries} entries.");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > SendLimits.MaxMetadataKeyLength)
            {
                return SendProblem.Invalid($"metadata.{key}", $"Metadata keys must be 1 to {SendLimits.MaxMetadataKeyLength} characters.");
            }

            if (value is null)
            {
                return SendProblem.Invalid($"metadata.{key}", "Metadata values must be strings.");
            }

            // Metadata travels in every event of the message, and PostgreSQL's JSON, which the log's upkeep and the
            // settle window's revisions edit it through, cannot hold this one character.
            if (key.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                return SendProblem.Invalid($"metadata.{key}", "Metadata keys and values must not contain the NUL character (\\u0000).");
            }

            if (value.Length > SendLimits.MaxMetadataValueLength)
            {
                return SendProblem.Invalid($"metadata.{key}", $"Metadata values must be at most {SendLimits.MaxMetadataValueLength} characters.");
            }
        }

        return null;
    }

    // A mail header's text is printable characters and white space (RFC 5322). The subject also travels in every event
    // of the message, as JSON that PostgreSQL edits and that cannot hold a NUL there.
    private static bool HasControlCharacter(string value) => value.Any(c => char.IsControl(c) && c != '\t');

    private static SendProblem? CheckTag(string? tag) =>
        tag is not null && (tag.Length is 0 or > SendLimits.MaxTagLength || tag.Any(char.IsControl))
            ? SendProblem.Invalid("tag", $"'tag' must be 1 to {SendLimits.MaxTagLength} printable characters.")
            : null;

    private static (TrackingOverride? Tracking, SendProblem? Problem) TrackingOverrideOf(SendRequest request)
    {
        var shapes = new List<(string Field, TrackingOverride Value)>();
        if (request.Settings is { } settings)
        {
            shapes.Add(("settings", new TrackingOverride(settings.TrackOpens, settings.TrackClicks)));
        }

        if (request.Tracking is { } tracking)
        {
            shapes.Add(("tracking", new TrackingOverride(tracking.Opens, tracking.Clicks)));
        }

        if (request.Options is { } options)
        {
            shapes.Add(("options", new TrackingOverride(options.OpenTracking, options.ClickTracking)));
        }

        return shapes.Count switch
        {
            0 => (TrackingOverride.None, null),
            1 => (shapes[0].Value, null),
            _ => (null, SendProblem.Invalid(shapes[1].Field,
                $"Give the tracking override in one shape only: '{string.Join("', '", shapes.Select(s => s.Field))}' were all given.")),
        };
    }
}
