using System.Collections.Concurrent;

namespace Regional.Node.Storage;

/// <summary>
/// Warm read sessions (<see cref="IDatabase.OpenRead"/>), whatever the engine: a session given back keeps its
/// connection and prepared statements for the next read, up to <see cref="Size"/> idle ones; beyond that, or once
/// the pool is closed, a session given back is closed for good.
/// </summary>
/// <param name="open">Opens a new session that gives itself back to this pool when disposed.</param>
/// <param name="rented">Marks an idle session as taken by a caller; returns it.</param>
/// <param name="retire">Closes a session for good.</param>
internal sealed class ReadSessionPool<T>(Func<ReadSessionPool<T>, T> open, Func<T, T> rented, Action<T> retire)
    where T : class
{
    /// <summary>Idle sessions kept at most: one per request thread on a small machine, a few to spare.</summary>
    public static readonly int Size = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly ConcurrentBag<T> _idle = [];
    private int _count;
    private volatile bool _closed;

    /// <summary>A warm session from the pool, or a new one that joins it when given back.</summary>
    public T Rent()
    {
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _count);
            return rented(session);
        }
        return open(this);
    }

    /// <summary>Takes a session back unless the pool is full or closed (then the caller closes it): true when taken.</summary>
    public bool GiveBack(T session)
    {
        if (_closed || Interlocked.Increment(ref _count) > Size)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _idle.Add(session);
        if (_closed && _idle.TryTake(out var late))
        {
            Interlocked.Decrement(ref _count);
            retire(late);
        }
        return true;
    }

    /// <summary>Closes the idle sessions and every one given back from now on.</summary>
    public void Close()
    {
        _closed = true;
        while (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _count);
            retire(session);
        }
    }
}
