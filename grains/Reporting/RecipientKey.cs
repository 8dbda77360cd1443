namespace Engagement.Grains.Reporting;

public readonly record struct RecipientKey(string MessageId, int RecipientIndex);
