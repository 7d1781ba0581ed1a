package dev.tiered.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link ZipfHits} on eight threads: more than the project VM's two cores, as on a busy server. */
@Threads(8)
public class EightThreadsBenchmark extends ZipfHits {}
