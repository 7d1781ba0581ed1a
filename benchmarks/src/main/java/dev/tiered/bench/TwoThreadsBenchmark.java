package dev.tiered.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link ZipfHits} on two threads: as many as the cores of the project's VM. */
@Threads(2)
public class TwoThreadsBenchmark extends ZipfHits {}
