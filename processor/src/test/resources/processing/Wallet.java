package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** Money does not exist until another annotation processor writes it, in the first round. */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Wallet {
  Money balance(Money.Currency currency);
}
