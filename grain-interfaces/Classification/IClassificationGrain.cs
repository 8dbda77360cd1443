namespace Engagement.Contracts.Classification;

/// <summary>Classifies described hits where the classifier's data lives (the silos), recording nothing.</summary>
[Alias("engagement.IClassificationGrain")]
public interface IClassificationGrain : IGrainWithIntegerKey
{
    [Alias("Classify")]
    Task<ClassificationResult> ClassifyAsync(DescribedObservation described);
}
