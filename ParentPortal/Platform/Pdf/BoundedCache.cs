using System.Collections.Concurrent;

namespace ParentPortal.Platform.Pdf;

/// <summary>
/// What the PDF engine makes once and reuses across documents (shaped words, compressed font subsets, ToUnicode maps):
/// safe for every thread, and bounded: when it holds <paramref name="limit"/> entries it starts again rather than grow,
/// since names and free text vary without end. The values must never change once made.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int limit, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> entries = new(comparer);

    public TValue GetOrAdd<TState>(TKey key, TState state, Func<TKey, TState, TValue> make)
    {
        if (entries.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = make(key, state);
        if (entries.Count >= limit)
        {
            entries.Clear();
        }

        entries.TryAdd(key, value);
        return value;
    }
}
