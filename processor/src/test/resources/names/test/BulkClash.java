package test;

import dev.tiered.Bulk;
import dev.tiered.Cached;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Uses, as method and parameter names, every identifier that the code of bulk methods uses: the locals and lambda
 * parameters of a bulk method and its loader, the loader's name, the runtime class and methods they call, with every
 * read and write policy, sync and async.
 */
@Tiered(name = "bulkclash", l1 = CaffeineBackend.class, l2 = CaffeineBackend.class)
public interface BulkClash {
  String bulk(long tiers);

  @Bulk("bulk")
  Map<Long, String> missing(Set<Long> bulk);

  @Cached(read = ReadPolicy.RACE, write = WritePolicy.RACE)
  String values(long missing);

  @Bulk("values")
  CompletionStage<Map<Long, String>> tiers(List<Long> values);

  @Cached(read = ReadPolicy.PARALLEL, write = WritePolicy.SEQUENTIAL)
  CompletableFuture<String> read(long written);

  @Bulk("read")
  CompletableFuture<Map<Long, String>> written(Collection<Long> read);

  @Bulk("read")
  Map<Long, String> loadMissing(Set<Long> serve);

  String load(long refillL1);

  @Bulk("load")
  Map<Long, String> join(List<Long> thenCompose);

  String start(long startAsync);

  @Bulk("start")
  CompletionStage<Map<Long, String>> startAsync(Set<Long> BulkLoad);
}
