using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.Rtc;

/// <summary>
/// An immutable map of publications by track sid, typed for one participant kind
/// (<see cref="RemoteParticipant.TrackPublications"/>), with a base-typed view of the same entries for
/// <see cref="Participant.TrackPublications"/>.
/// </summary>
/// <remarks>
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/> is not covariant in its value, and one generic class cannot
/// implement it for both <typeparamref name="TPublication"/> and <see cref="TrackPublication"/> (CS0695), hence the
/// nested view. Changes return a new map: a participant publishes it with one reference write, and a reader on
/// another thread holds a consistent snapshot.
/// </remarks>
/// <typeparam name="TPublication">The publication type of the participant kind.</typeparam>
internal sealed class TrackPublicationMap<TPublication> : IReadOnlyDictionary<string, TPublication>
    where TPublication : TrackPublication
{
    public static readonly TrackPublicationMap<TPublication> Empty = new(ImmutableDictionary<string, TPublication>.Empty);

    private readonly ImmutableDictionary<string, TPublication> _bySid;

    private TrackPublicationMap(ImmutableDictionary<string, TPublication> bySid)
    {
        _bySid = bySid;
        AsBase = new BaseView(bySid);
    }

    /// <summary>The same entries, typed as <see cref="TrackPublication"/>.</summary>
    public IReadOnlyDictionary<string, TrackPublication> AsBase { get; }

    public int Count => _bySid.Count;

    public IEnumerable<string> Keys => _bySid.Keys;

    public IEnumerable<TPublication> Values => _bySid.Values;

    public TPublication this[string key] => _bySid[key];

    /// <summary>A map with <paramref name="publication"/> added, or replacing the one with the same sid.</summary>
    public TrackPublicationMap<TPublication> SetItem(TPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        return new(_bySid.SetItem(publication.Sid, publication));
    }

    /// <summary>A map without the publication of <paramref name="sid"/>; <paramref name="removed"/> is that publication, if any.</summary>
    public TrackPublicationMap<TPublication> Remove(string sid, out TPublication? removed) =>
        _bySid.TryGetValue(sid, out removed) ? new(_bySid.Remove(sid)) : this;

    public bool ContainsKey(string key) => _bySid.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TPublication value) => _bySid.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, TPublication>> GetEnumerator() => _bySid.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class BaseView(ImmutableDictionary<string, TPublication> bySid) : IReadOnlyDictionary<string, TrackPublication>
    {
        public int Count => bySid.Count;

        public IEnumerable<string> Keys => bySid.Keys;

        public IEnumerable<TrackPublication> Values => bySid.Values;

        public TrackPublication this[string key] => bySid[key];

        public bool ContainsKey(string key) => bySid.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out TrackPublication value)
        {
            var found = bySid.TryGetValue(key, out var typed);
            value = typed;
            return found;
        }

        public IEnumerator<KeyValuePair<string, TrackPublication>> GetEnumerator()
        {
            foreach (var (sid, publication) in bySid)
            {
                yield return new KeyValuePair<string, TrackPublication>(sid, publication);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
