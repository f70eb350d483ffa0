namespace Crm.Support.Model;

/// <summary>
/// Durations counted in fixed log-scale buckets, eight per doubling: bucket 0 holds up to 1/16 minute, bucket k
/// (1–200) holds more than 2^((k−1)/8 − 4) and up to 2^(k/8 − 4) minutes, and bucket 200 (four years) also holds anything
/// longer. The 90th percentile read from it is the upper bound of the bucket holding the nearest-rank value: never
/// below the exact value and less than 9.1 % (2^(1/8) − 1) above it, or at most 3.75 seconds for durations that short.
/// The SQL function <c>ticket_figures_bucket</c> sorts durations into the same buckets.
/// </summary>
public static class DurationHistogram
{
    public const int Buckets = 201;
    public const int BucketsPerDoubling = 8;
    private const int DoublingsBelowOneMinute = 4;

    public static int[] Empty() => new int[Buckets];

    /// <summary>The largest duration bucket <paramref name="bucket"/> holds, in minutes.</summary>
    public static double UpperBoundMinutes(int bucket) => Math.Pow(2, (double)bucket / BucketsPerDoubling - DoublingsBelowOneMinute);

    /// <summary>The upper bound of the bucket holding the nearest-rank <paramref name="percentile"/> (0–1); null without durations.</summary>
    public static double? PercentileMinutes(int[] histogram, double percentile)
    {
        var count = histogram.Sum(bucket => (long)bucket);
        if (count == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(percentile * count);
        long seen = 0;
        for (var bucket = 0; bucket < histogram.Length; bucket++)
        {
            seen += histogram[bucket];
            if (seen >= rank)
            {
                return UpperBoundMinutes(bucket);
            }
        }

        return UpperBoundMinutes(histogram.Length - 1);
    }

    /// <summary>Adds <paramref name="counts"/> into <paramref name="histogram"/>.</summary>
    public static void Add(int[] histogram, int[] counts)
    {
        for (var bucket = 0; bucket < histogram.Length; bucket++)
        {
            histogram[bucket] += counts[bucket];
        }
    }
}
