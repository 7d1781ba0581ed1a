package dev.tiered.it.policy;

import java.util.concurrent.CompletableFuture;

/**
 * The shape shared by the policy scenario interfaces: one synchronous and one asynchronous cached method. Not
 * annotated itself; each {@code @Tiered} interface of this package inherits both methods with its own policies.
 */
public interface Lookup {

  String find(long id);

  CompletableFuture<String> findAsync(long id);
}
