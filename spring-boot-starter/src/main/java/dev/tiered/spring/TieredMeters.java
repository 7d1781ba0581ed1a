package dev.tiered.spring;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.TieredCache;
import dev.tiered.runtime.TieredListener;
import dev.tiered.runtime.TieredStats;
import dev.tiered.spring.TieredDecorators.Decorated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of every decorator. Micrometer's standard cache meters, tagged as Boot tags those of its own caches
 * ({@code cache}, {@code cache.manager}):
 *
 * <ul>
 *   <li>{@code cache.gets{result=hit}}: fresh and stale hits of either tier; {@code cache.gets{result=miss}}: calls
 *       that waited for the delegate;
 *   <li>{@code cache.puts}: entries written after a delegate call (loads and refreshes);
 *   <li>{@code cache.evictions} and {@code cache.size}: of a Caffeine L1.
 * </ul>
 *
 * <p>and the detail under names of Tiered's own, which never share a name with those (Prometheus drops meters whose
 * tag keys differ under one name): {@code tiered.requests{cache, method, source=l1|l2|stale|delegate}} (from the
 * listener), {@code tiered.errors{tier=l1|l2}}, {@code tiered.skipped}, {@code tiered.refreshes}, {@code
 * tiered.offloaded}, {@code tiered.delegate.calls} and {@code tiered.delegate.failures}; and the timer {@code
 * tiered.calls{cache, method, source}} of every call made through a served bean (see {@link #observe}).
 */
final class TieredMeters implements MeterBinder, TieredListener, CallObserver {
  /** What answered the call in progress on this thread, as the listener heard it; set while a call is timed. */
  private static final ThreadLocal<Source[]> ANSWERED = new ThreadLocal<>();

  static final String CACHE_MANAGER = "tieredCacheManager";

  private final TieredDecorators decorators;
  private volatile MeterRegistry registry;
  /** By cache, then method: one counter per source, so that a call costs two map lookups and no allocation. */
  private final Map<String, Map<String, Counter[]>> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  TieredMeters(TieredDecorators decorators) {
    this.decorators = decorators;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    decorators.forEach(decorated -> new CacheMeters(decorated).bindTo(registry));
  }

  @Override
  public void onCall(CallEvent event) {
    MeterRegistry bound = registry;
    if (bound == null) {
      return;
    }
    Source[] answered = ANSWERED.get();
    if (answered != null) {
      answered[0] = event.source();
    }
    Counter[] bySource = requests
        .computeIfAbsent(event.cache(), c -> new ConcurrentHashMap<>())
        .computeIfAbsent(event.method(), m -> counters(bound, event.cache(), m));
    bySource[event.source().ordinal()].increment();
  }

  /**
   * Times a call as {@code tiered.calls{cache, method, source}}: the source is what answered a synchronous call (the
   * listener hears it on the caller's thread), {@code async} for a method returning a future (timed until it
   * completes), {@code error} when it threw, and {@code uncached} for methods that are not cached.
   */
  @Override
  public Object observe(String cache, String method, Call call) throws Throwable {
    MeterRegistry bound = registry;
    if (bound == null) {
      return call.proceed();
    }
    Source[] outer = ANSWERED.get();
    Source[] answered = new Source[1];
    ANSWERED.set(answered);
    long start = System.nanoTime();
    try {
      Object result = call.proceed();
      if (result instanceof CompletionStage<?> stage) {
        stage.whenComplete((value, error) -> time(bound, cache, method, error == null ? "async" : "error", start));
      } else {
        time(bound, cache, method,
            answered[0] == null ? "uncached" : answered[0].name().toLowerCase(Locale.ROOT), start);
      }
      return result;
    } catch (Throwable t) {
      time(bound, cache, method, "error", start);
      throw t;
    } finally {
      ANSWERED.set(outer);
    }
  }

  private void time(MeterRegistry registry, String cache, String method, String source, long start) {
    timers.computeIfAbsent(cache + '\n' + method + '\n' + source, k -> Timer.builder("tiered.calls")
            .description("Calls of cached services through their decorators")
            .tags("cache", cache, "method", method, "source", source)
            .register(registry))
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  private static Counter[] counters(MeterRegistry registry, String cache, String method) {
    Source[] sources = Source.values();
    Counter[] counters = new Counter[sources.length];
    for (Source source : sources) {
      counters[source.ordinal()] = Counter.builder("tiered.requests")
          .description("Cached calls, by what answered them")
          .tags("cache", cache, "method", method, "source", source.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    return counters;
  }

  /** The standard cache meters of one decorator, and its per-tier detail. */
  private static final class CacheMeters extends CacheMeterBinder<TieredCache> {
    private final Decorated decorated;

    CacheMeters(Decorated decorated) {
      super(decorated.cache(), decorated.name(), Tags.of(Tag.of("cache.manager", CACHE_MANAGER)));
      this.decorated = decorated;
    }

    private TieredStats stats() {
      return decorated.cache().stats();
    }

    @Override
    protected Long size() {
      return decorated.l1() instanceof CaffeineBackend caffeine ? caffeine.estimatedSize() : null;
    }

    @Override
    protected long hitCount() {
      TieredStats stats = stats();
      return stats.l1Hits() + stats.l2Hits() + stats.staleHits();
    }

    @Override
    protected Long missCount() {
      return stats().misses();
    }

    @Override
    protected Long evictionCount() {
      return decorated.l1() instanceof CaffeineBackend caffeine ? caffeine.evictions() : null;
    }

    @Override
    protected long putCount() {
      TieredStats stats = stats();
      return stats.delegateCalls() - stats.delegateFailures();
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
      counter(registry, "tiered.errors", "Failed tier operations", Tags.of("tier", "l1"), TieredStats::l1Errors);
      counter(registry, "tiered.errors", "Failed tier operations", Tags.of("tier", "l2"), TieredStats::l2Errors);
      counter(registry, "tiered.skipped", "Tier operations skipped: circuit open or executor full", Tags.empty(),
          TieredStats::skipped);
      counter(registry, "tiered.refreshes", "Background refreshes of stale entries", Tags.empty(),
          TieredStats::refreshes);
      counter(registry, "tiered.offloaded", "Race losers finished in the background", Tags.empty(),
          TieredStats::offloaded);
      counter(registry, "tiered.delegate.calls", "Calls of the delegate", Tags.empty(), TieredStats::delegateCalls);
      counter(registry, "tiered.delegate.failures", "Delegate calls that failed", Tags.empty(),
          TieredStats::delegateFailures);
    }

    private void counter(MeterRegistry registry, String name, String description, Tags tags,
        ToDoubleFunction<TieredStats> value) {
      FunctionCounter.builder(name, decorated.cache(), cache -> value.applyAsDouble(cache.stats()))
          .description(description)
          .tags(getTagsWithCacheName())
          .tags(tags)
          .register(registry);
    }
  }
}
